using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TrafficWatch.Capture;

/// <summary>
/// Reads (live capture) and writes (BPF on files) libpcap's native <c>struct pcap_pkthdr</c>, and turns native
/// pointers (libpcap's buffers, mapped capture files) into spans, without
/// allocating and without <c>unsafe</c> blocks. On 64-bit Linux/macOS the header is a 16-byte timeval
/// (tv_sec and tv_usec as 64 bits; on macOS tv_usec is 32 bits plus padding) followed by caplen and len (uint32 each); on Windows
/// and 32-bit platforms the timeval is 2 x int32.
/// </summary>
internal static class PcapRecordHeader
{
    private static readonly bool s_wideTimeval = IntPtr.Size == 8 && !OperatingSystem.IsWindows();

    private static readonly bool s_macOs = OperatingSystem.IsMacOS();

    private static readonly int s_timevalSize = s_wideTimeval ? 16 : 8;

    /// <summary>Size in bytes of the native pcap_pkthdr.</summary>
    public static int Size => s_timevalSize + 8;

    /// <summary>
    /// Decodes one header. <paramref name="fractionToNanos"/> is 1 when the handle was opened with nanosecond
    /// precision (tv_usec then holds nanoseconds) and 1000 for microsecond precision.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Read(IntPtr header, long fractionToNanos, out long timestampNanos, out int captureLength, out long wireLength)
    {
        var span = AsSpan(header, s_timevalSize + 8);
        long seconds;
        long fraction;
        if (s_wideTimeval)
        {
            seconds = MemoryMarshal.Read<long>(span);
            // Linux: tv_usec is a long; macOS: an int32 followed by padding. libpcap sign-extends the file's
            // 32-bit fraction into it; like Wireshark we take it as unsigned, so a bogus fraction >= 2^31
            // (tcpdump's timestamp_invalid_nano test) moves forward in time instead of backwards.
            fraction = s_macOs ? MemoryMarshal.Read<uint>(span[8..]) : (uint)MemoryMarshal.Read<long>(span[8..]);
        }
        else
        {
            seconds = MemoryMarshal.Read<int>(span);
            fraction = MemoryMarshal.Read<uint>(span[4..]);
        }
        captureLength = (int)MemoryMarshal.Read<uint>(span[s_timevalSize..]);
        wireLength = MemoryMarshal.Read<uint>(span[(s_timevalSize + 4)..]);
        timestampNanos = seconds * PacketTime.NanosPerSecond + fraction * fractionToNanos;
    }

    /// <summary>
    /// A span over native memory owned by libpcap. It is valid only until the next read on the same handle;
    /// the same contract as SharpPcap's <c>PacketCapture.Data</c>, minus the per-packet header objects.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> AsSpan(IntPtr pointer, int length)
        => length <= 0 || pointer == IntPtr.Zero
            ? ReadOnlySpan<byte>.Empty
            : MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<byte>(), pointer), length);

    /// <summary>A writable span over native memory we allocated (the filter's pcap_pkthdr).</summary>
    public static Span<byte> AsWritableSpan(IntPtr pointer, int length)
        => MemoryMarshal.CreateSpan(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<byte>(), pointer), length);

    /// <summary>Sets caplen and len of a native pcap_pkthdr (all pcap_offline_filter reads besides the data).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteLengths(IntPtr header, int captureLength, uint wireLength)
    {
        var span = AsWritableSpan(header, s_timevalSize + 8);
        MemoryMarshal.Write(span[s_timevalSize..], (uint)captureLength);
        MemoryMarshal.Write(span[(s_timevalSize + 4)..], wireLength);
    }
}
