using System.Globalization;

namespace TrafficWatch.Cli.Console;

/// <summary>
/// The process's own memory as Linux accounts it (/proc/self/status): private (anonymous) pages apart from
/// file pages, because replayed captures are memory-mapped and their page-cache pages would otherwise
/// look like the program's memory.
/// </summary>
internal static class ProcessMemory
{
    public readonly record struct Snapshot(long PrivateBytes, long FileBytes, long PeakResidentBytes);

    public static Snapshot? Read()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return null;
        }
        long anon = 0, file = 0, peak = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = Kilobytes(line);
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }
        return new Snapshot(anon * 1024, file * 1024, peak * 1024);
    }

    private static long Kilobytes(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }
}
