using System.Buffers.Binary;

namespace TrafficWatch.Capture;

/// <summary>
/// Turns the paths a user gave into the list of capture files to read. A directory expands to the capture
/// files directly inside it (not recursive), sorted by name (ordinal); a file that is neither named like a
/// capture nor starts with a pcap/pcapng magic number is skipped with a note. Missing paths become errors.
/// Never throws for bad paths.
/// </summary>
public static class InputExpander
{
    private static readonly string[] s_captureExtensions = [".pcap", ".pcapng", ".cap"];

    public static ExpandedInputs Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        var errors = new List<CaptureError>();
        var notes = new List<string>();
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                errors.Add(new CaptureError("(empty path)", "no file name given"));
                continue;
            }
            if (Directory.Exists(path))
            {
                ExpandDirectory(path, files, errors, notes);
            }
            else if (File.Exists(path))
            {
                files.Add(path);                                  // an explicit file is always tried; libpcap decides
            }
            else
            {
                errors.Add(new CaptureError(path, "no such file or directory"));
            }
        }
        return new ExpandedInputs(files, errors, notes);
    }

    /// <summary>True for <c>*.pcap</c>, <c>*.pcapng</c>, <c>*.cap</c> and rotated names such as <c>x.pcap.3</c>,
    /// <c>x.pcap3</c> (tcpdump -C) or <c>x.pcapng.12</c>.</summary>
    public static bool HasCaptureFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = fileName.AsSpan();
        var end = name.Length;
        while (end > 0 && char.IsAsciiDigit(name[end - 1]))
        {
            end--;
        }
        if (end < name.Length && end > 0 && name[end - 1] == '.')
        {
            end--;                                                // x.pcap.12
        }
        var stem = name[..end];
        foreach (var ext in s_captureExtensions)
        {
            if (stem.EndsWith(ext, StringComparison.OrdinalIgnoreCase) && stem.Length > ext.Length)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the file starts with a classic pcap (either byte order, usec or nsec) or pcapng magic.</summary>
    public static bool HasCaptureMagic(string path)
    {
        try
        {
            Span<byte> magic = stackalloc byte[4];
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4)
            {
                return false;
            }
            return CaptureFileFormatSniffer.Sniff(BinaryPrimitives.ReadUInt32BigEndian(magic)) != CaptureFileFormat.Unknown;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void ExpandDirectory(string directory, List<string> files, List<CaptureError> errors, List<string> notes)
    {
        string[] entries;
        try
        {
            entries = Directory.GetFiles(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new CaptureError(directory, "cannot list directory: " + ex.Message));
            return;
        }
        Array.Sort(entries, StringComparer.Ordinal);
        var found = 0;
        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.'))
            {
                continue;                                          // hidden files: editors, rsync temporaries
            }
            if (HasCaptureFileName(name) || HasCaptureMagic(entry))
            {
                files.Add(entry);
                found++;
            }
            else
            {
                notes.Add($"{entry}: not a capture file; skipped");
            }
        }
        if (found == 0)
        {
            errors.Add(new CaptureError(directory, "directory contains no capture files (*.pcap, *.pcapng, *.cap)"));
        }
    }
}
