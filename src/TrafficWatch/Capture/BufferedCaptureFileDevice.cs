using SharpPcap;
using SharpPcap.LibPcap;

namespace TrafficWatch.Capture;

/// <summary>
/// A SharpPcap offline device like <see cref="CaptureFileReaderDevice"/>, opened through our own FILE* with a
/// 1 MiB stdio buffer (pcap_fopen_offline_with_tstamp_precision). libpcap reads files with fread, and glibc's
/// default 4 KiB buffer means one read(2) per 4 KiB: on a 1.3 GB replay that is 320,000 system calls and about a
/// third of the read time. Only used where <see cref="PcapNative.CanOpenOfflineBuffered"/> is true.
/// </summary>
internal sealed class BufferedCaptureFileDevice : CaptureReaderDevice
{
    public const int StdioBufferSize = 1 << 20;

    private readonly string _path;
    private IntPtr _buffer;

    public BufferedCaptureFileDevice(string path)
    {
        _path = path;
    }

    public static bool IsSupported => PcapNative.CanOpenOfflineBuffered;

    public override string Name => _path;

    public override string Description => "Capture file reader (1 MiB stdio buffer)";

    public override void Open(DeviceConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var nanosecond = configuration.TimestampResolution == TimestampResolution.Nanosecond;
        if (!PcapNative.TryOpenOfflineBuffered(_path, nanosecond, StdioBufferSize, out var pcap, out var buffer, out var error))
        {
            throw new IOException(error);                   // SharpPcap's PcapException constructors are internal
        }
        Handle = new OwnedPcapHandle(pcap);
        _buffer = buffer;
        base.Open(configuration);
    }

    /// <remarks>Call only when no thread is inside a read on this device (the IPacketSource contract).</remarks>
    public override void Close()
    {
        base.Close();                                       // pcap_close: fclose(FILE*) before the buffer goes
        PcapNative.FreeBuffer(Interlocked.Exchange(ref _buffer, IntPtr.Zero));
    }
}
