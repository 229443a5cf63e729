using System.Globalization;
using TrafficWatch.Decode;
using TrafficWatch.Pipeline;

namespace TrafficWatch.Cli.Console;

/// <summary>The final summary on standard error: what was read, how fast, what was found wrong.</summary>
internal static class RunSummary
{
    public static void Write(TextWriter w, string mode, string input, PipelineStatistics s, string evePath, long eveEvents)
    {
        var ci = CultureInfo.InvariantCulture;
        var seconds = Math.Max(s.Elapsed.TotalSeconds, 1e-9);
        w.WriteLine(string.Create(ci, $"trafficwatch {mode} finished in {s.Elapsed.TotalSeconds:F2} s: {TerminalText.Safe(input)}"));
        w.WriteLine(string.Create(ci, $"  packets   {s.Packets:N0} ({s.FlowPackets:N0} IP), {FormatBytes(s.Bytes)} on the wire"));
        if (s.Packets > 0)
        {
            w.WriteLine(string.Create(ci, $"  time      {s.FirstPacket.ToDateTimeOffset():yyyy-MM-dd HH:mm:ss.fff} .. {s.LastPacket.ToDateTimeOffset():yyyy-MM-dd HH:mm:ss.fff} UTC (packet time)"));
        }
        w.WriteLine(string.Create(ci, $"  rate      {s.Packets / seconds:N0} packets/s, {s.Bytes / seconds / 1e6:N1} MB/s"));
        if (s.Capture is { SkippedOutsideWindow: > 0 } window)
        {
            w.WriteLine(string.Create(ci, $"  window    {window.SkippedOutsideWindow:N0} packets outside --from/--to skipped"));
        }
        if (s.Flows is { } f)
        {
            var ended = f.EndedTimeout + f.EndedClosed + f.EndedShutdown + f.Evicted;
            w.WriteLine(string.Create(ci, $"  flows     {f.NewFlows:N0} ({f.EndedTimeout:N0} timed out, {f.EndedClosed:N0} closed, {f.EndedShutdown:N0} at end of input, {f.Evicted:N0} evicted; {ended:N0} records)"));
            if (f.FragmentsMatched + f.FragmentsUnmatched > 0)
            {
                w.WriteLine(string.Create(ci, $"  fragments {f.FragmentsMatched:N0} matched to their flow, {f.FragmentsUnmatched:N0} without a first fragment"));
            }
        }
        var decode = new List<string>();
        foreach (var (e, n) in s.DecodeEvents.NonZero)
        {
            decode.Add(string.Create(ci, $"{DecodeEventInfo.Describe(e)} {n:N0}"));
        }
        if (decode.Count > 0)
        {
            w.WriteLine("  decode    " + string.Join(", ", decode));
        }
        var capture = s.Capture;
        if (capture is not null && (capture.KernelDrops > 0 || capture.InterfaceDrops > 0 || s.QueueDrops > 0 || mode == "capture"))
        {
            w.WriteLine(string.Create(ci, $"  drops     kernel {capture.KernelDrops:N0}, interface {capture.InterfaceDrops:N0}, queue {s.QueueDrops:N0}"));
        }
        if (ProcessMemory.Read() is { } memory)
        {
            w.WriteLine(string.Create(ci, $"  memory    {FormatBytes(memory.PrivateBytes)} private at end, {FormatBytes(GC.GetGCMemoryInfo().HeapSizeBytes)} managed heap, {FormatBytes(memory.FileBytes)} of mapped files (page cache)"));
        }
        w.WriteLine(string.Create(ci, $"  eve       {(evePath == "-" ? "standard output" : Path.GetFullPath(evePath))} ({eveEvents:N0} events)"));
        if (s.Errors.Count > 0)
        {
            w.WriteLine(string.Create(ci, $"  errors    {s.Errors.Count} input problem(s), listed above"));
        }
    }

    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F2} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
