using SharpPcap.LibPcap;

namespace TrafficWatch.Capture;

/// <summary>
/// Entry point for reading capture files: <c>using var source = CaptureFiles.Open(paths, filter);</c>. Files are
/// read by the managed, memory-mapped <see cref="MappedCaptureFileReader"/> (no libpcap needed); libpcap is used
/// only for live capture and to compile a BPF filter when one is given.
/// </summary>
public static class CaptureFiles
{
    /// <summary>The most files one source can merge (SourceIndex is a ushort).</summary>
    public const int MaxFiles = ushort.MaxValue + 1;

    /// <summary>
    /// Opens files and directories (expanded by <see cref="InputExpander"/>) merged in timestamp order, with an
    /// optional BPF filter applied to every file. Unreadable, non-capture or unsupported files are reported in
    /// <see cref="IPacketSource.Errors"/>, never thrown.
    /// </summary>
    /// <exception cref="CaptureOpenException">The filter does not compile (one line naming the filter and
    /// libpcap's message).</exception>
    public static CaptureFileSource Open(IEnumerable<string> paths, string? filter = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!string.IsNullOrWhiteSpace(filter))
        {
            ValidateFilter(filter);
        }
        var expanded = InputExpander.Expand(paths);
        var errors = new List<CaptureError>(expanded.Errors);
        var readers = new List<MappedCaptureFileReader>(expanded.Files.Count);
        var opened = new List<string>(expanded.Files.Count);
        long totalBytes = 0;
        foreach (var file in expanded.Files)
        {
            if (readers.Count >= MaxFiles)
            {
                errors.Add(new CaptureError(file, $"more than {MaxFiles} capture files; skipped"));
                continue;
            }
            var reader = MappedCaptureFileReader.TryOpen(file, (ushort)readers.Count, filter, errors);
            if (reader is null)
            {
                continue;
            }
            readers.Add(reader);
            opened.Add(file);
            totalBytes += FileLength(file);
        }
        return new CaptureFileSource([.. readers], errors, expanded.Notes, opened, totalBytes);
    }

    /// <summary>Opens a single file; see <see cref="Open(IEnumerable{string}, string?)"/>.</summary>
    public static CaptureFileSource Open(string path, string? filter = null) => Open([path], filter);

    /// <summary>Throws <see cref="CaptureOpenException"/> when <paramref name="filter"/> does not compile (checked for Ethernet).</summary>
    public static void ValidateFilter(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        PcapNative.NoteLibpcapUse();
        bool ok;
        string? error;
        try
        {
            ok = PcapDevice.CheckFilter(filter, out error);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            throw new CaptureOpenException(CaptureOpenFailure.InvalidFilter, PcapNative.MissingForFilters);
        }
        if (!ok)
        {
            throw new CaptureOpenException(CaptureOpenFailure.InvalidFilter,
                $"invalid capture filter \"{filter}\": {OneLine(error)}");
        }
    }

    internal static string OneLine(string? text)
        => string.IsNullOrWhiteSpace(text) ? "unknown error" : text.ReplaceLineEndings(" ").Trim();

    private static long FileLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
