using System.Diagnostics;
using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Outputs.Evidence;

/// <summary>Helpers for the evidence tests: the replay's flow records for a capture, frames read back, tshark.</summary>
internal static class EvidenceTools
{
    public const string Tshark = "/usr/bin/tshark";

    /// <summary>Every flow record (end and shutdown) a default flow table gives for <paramref name="path"/>.</summary>
    public static List<FlowRecord> FlowRecords(string path)
    {
        var sink = new CollectingSink();
        var table = new FlowTable(new FlowTableOptions(), sink);
        var meta = default(PacketMeta);
        using var source = CaptureFiles.Open(path);
        while (source.Next(out var frame) == ReadStatus.Packet)
        {
            PacketDecoder.Decode(frame.LinkType, frame.Data, ref meta);
            meta.Timestamp = frame.Timestamp;
            meta.WireLength = frame.WireLength;
            meta.CapturedLength = frame.Data.Length;
            meta.LinkType = frame.LinkType;
            if (meta.HasFlowKey)
            {
                table.Process(ref meta);
            }
            else
            {
                table.AdvanceTime(frame.Timestamp);
            }
        }
        table.FlushAll();
        return sink.Records;
    }

    /// <summary>The frames of a capture as (time, bytes, wire length, link type), read by the engine's reader.</summary>
    public static List<(PacketTime Time, byte[] Data, int WireLength, LinkType LinkType)> Frames(string path)
    {
        var list = new List<(PacketTime, byte[], int, LinkType)>();
        using var source = CaptureFiles.Open(path);
        while (source.Next(out var frame) == ReadStatus.Packet)
        {
            list.Add((frame.Timestamp, frame.Data.ToArray(), frame.WireLength, frame.LinkType));
        }
        Assert.Empty(source.Errors);
        return list;
    }

    /// <summary>True when tshark is installed; otherwise says so (and fails under env <c>CI=true</c>, where .ci/run installs it).</summary>
    public static bool TsharkAvailable(Xunit.Abstractions.ITestOutputHelper output)
        => File.Exists(Tshark) || TrafficWatch.Tests.Support.SharedTestData.Missing(output, "tshark not found (apt-get install tshark)", out _);

    /// <summary>Runs <c>tshark -r FILE</c> (plus <paramref name="extra"/>); exit code and the number of packet lines.</summary>
    public static async Task<(int ExitCode, int Lines, string StdErr)> TsharkCountAsync(string path, params string[] extra)
    {
        var info = new ProcessStartInfo(Tshark) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-n");
        info.ArgumentList.Add("-r");
        info.ArgumentList.Add(path);
        foreach (var e in extra)
        {
            info.ArgumentList.Add(e);
        }
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, await stderr);
    }

    private sealed class CollectingSink : IFlowSink
    {
        public List<FlowRecord> Records { get; } = [];

        public void OnFlowEnd(in FlowRecord record)
        {
            if (record.Reason is not FlowEndReason.Interim and not FlowEndReason.Interval)
            {
                Records.Add(record);
            }
        }
    }
}
