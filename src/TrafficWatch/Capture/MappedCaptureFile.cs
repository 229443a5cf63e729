using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TrafficWatch.Capture;

/// <summary>
/// A read-only memory map of a whole file. Spans are built over the mapped pages from a 64-bit base address
/// plus a 64-bit offset (see <see cref="PcapRecordHeader.AsSpan"/>), so files far larger than 2 GiB work without
/// <c>unsafe</c> code and no byte is copied out of the page cache.
/// </summary>
internal sealed class MappedCaptureFile : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly IntPtr _base;

    private MappedCaptureFile(MemoryMappedFile map, MemoryMappedViewAccessor view, IntPtr basePointer, long length)
    {
        _map = map;
        _view = view;
        _base = basePointer;
        Length = length;
    }

    /// <summary>File length in bytes at open time.</summary>
    public long Length { get; }

    /// <summary>
    /// Maps <paramref name="path"/> read-only. Throws IOException, UnauthorizedAccessException or
    /// ArgumentException (empty file) like FileStream and MemoryMappedFile do.
    /// </summary>
    public static MappedCaptureFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        MemoryMappedFile? map = null;
        try
        {
            var length = stream.Length;
            map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            var basePointer = view.SafeMemoryMappedViewHandle.DangerousGetHandle() + (nint)view.PointerOffset;
            LibcAdvice.Sequential(basePointer, length);
            return new MappedCaptureFile(map, view, basePointer, length);
        }
        catch
        {
            map?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Address of byte <paramref name="offset"/> (0 &lt;= offset &lt; <see cref="Length"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IntPtr Address(long offset) => AddressAt(_base, offset);

    /// <summary>Base address plus a 64-bit file offset (files beyond 2 and 4 GiB).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IntPtr AddressAt(IntPtr basePointer, long offset) => basePointer + checked((nint)offset);

    /// <summary>Bytes [offset, offset + length); the caller has checked the bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Span(long offset, int length) => PcapRecordHeader.AsSpan(AddressAt(_base, offset), length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadUInt32(long offset, bool swap)
    {
        var value = MemoryMarshal.Read<uint>(Span(offset, 4));
        return swap ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort ReadUInt16(long offset, bool swap)
    {
        var value = MemoryMarshal.Read<ushort>(Span(offset, 2));
        return swap ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    public void Dispose()
    {
        _view.Dispose();
        _map.Dispose();
    }
}
