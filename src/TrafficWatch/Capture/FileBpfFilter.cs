using SharpPcap.LibPcap;

namespace TrafficWatch.Capture;

/// <summary>
/// A BPF filter compiled by libpcap for one link type (pcap_open_dead + pcap_compile) and run on file records
/// with pcap_offline_filter. The only place file replay touches libpcap, and only when a filter is given.
/// </summary>
internal sealed class FileBpfFilter : IDisposable
{
    /// <summary>Maximum snapshot length handed to pcap_open_dead (libpcap's MAXIMUM_SNAPLEN).</summary>
    private const int DeadSnapLength = 262_144;

    private readonly OwnedPcapHandle _handle;
    private readonly BpfProgram _program;

    private FileBpfFilter(OwnedPcapHandle handle, BpfProgram program, int dataLinkType)
    {
        _handle = handle;
        _program = program;
        DataLinkType = dataLinkType;
    }

    public int DataLinkType { get; }

    /// <summary>
    /// Compiles <paramref name="filter"/> for <paramref name="dataLinkType"/>. Returns null with libpcap's one-line
    /// message in <paramref name="error"/> when it does not compile or libpcap is missing.
    /// </summary>
    public static FileBpfFilter? TryCompile(int dataLinkType, string filter, out string error)
    {
        PcapNative.NoteLibpcapUse();
        IntPtr pcap;
        try
        {
            pcap = PcapNative.OpenDead(ToDlt(dataLinkType), DeadSnapLength);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            error = PcapNative.MissingForFilters;
            return null;
        }
        if (pcap == IntPtr.Zero)
        {
            error = PcapNative.IsAvailable ? "pcap_open_dead failed" : PcapNative.MissingForFilters;
            return null;
        }
        var handle = new OwnedPcapHandle(pcap);
        try
        {
            var program = BpfProgram.TryCreate(handle, filter);
            if (program is null)
            {
                error = CaptureFiles.OneLine(PcapNative.GetError(pcap));
                handle.Dispose();
                return null;
            }
            error = string.Empty;
            return new FileBpfFilter(handle, program, dataLinkType);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            handle.Dispose();
            error = PcapNative.MissingForFilters;
            return null;
        }
    }

    /// <summary>
    /// pcap_open_dead wants a DLT, files carry a LINKTYPE; they differ for the supported types only in raw IP
    /// (LINKTYPE_RAW 101 is DLT_RAW 12, as libpcap's linktype_to_dlt maps it).
    /// </summary>
    private static int ToDlt(int linkType) => linkType == 101 ? 12 : linkType;

    /// <summary>Runs the filter; <paramref name="header"/> is a native pcap_pkthdr (caplen and len are read).</summary>
    public bool Matches(IntPtr header, IntPtr data) => _program.Matches(header, data);

    public void Dispose()
    {
        _program.Dispose();
        _handle.Dispose();
    }
}
