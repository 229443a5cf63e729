using System.Text.Json;
using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Flows;
using TrafficWatch.Pipeline;
using TrafficWatch.Tests.Capture;
using TrafficWatch.Tests.Support;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Conformance;

/// <summary>
/// For every shared capture, the flow records summed per 5-tuple and direction must equal the
/// tshark conversation truth (truth/flows.json: packets and wire bytes each way), for TCP and UDP
/// over IPv4 and IPv6.
/// </summary>
public sealed class FlowConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        var testdata = SharedTestData.Find();
        var root = testdata is null ? null : Path.Combine(testdata, "pcaps");
        if (root is null)
        {
            data.Add(string.Empty);     // one case that reports the missing data (fails in CI)
            return data;
        }
        foreach (var dir in Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(dir, "truth", "flows.json")))
            {
                data.Add(Path.GetFileName(dir));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Flow_records_sum_to_tshark_conversations(string captureId)
    {
        if (!SharedTestData.TryLocate(output, out var testdata))
        {
            return;
        }
        var dir = Path.Combine(testdata, "pcaps", captureId);
        var capture = Directory.GetFiles(dir).Single(f => !f.EndsWith(".json", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal));
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "truth", "flows.json")));

        var measured = Replay(capture);

        var checkedFlows = 0;
        var mismatches = new List<string>();
        foreach (var flow in truth.RootElement.GetProperty("flows").EnumerateArray())
        {
            var proto = flow.GetProperty("proto").GetString();
            if (proto is not ("tcp" or "udp"))
            {
                continue;
            }
            var p = proto == "tcp" ? (byte)6 : (byte)17;
            var a = (Addr: flow.GetProperty("a_ip").GetString()!, Port: flow.GetProperty("a_port").GetInt32());
            var b = (Addr: flow.GetProperty("b_ip").GetString()!, Port: flow.GetProperty("b_port").GetInt32());
            if (a.Addr.Length == 0 || b.Addr.Length == 0)
            {
                continue;       // tshark could not read an address (damaged header): nothing to key on
            }
            var ab = measured.GetValueOrDefault(DirKey(p, a.Addr, a.Port, b.Addr, b.Port));
            var ba = measured.GetValueOrDefault(DirKey(p, b.Addr, b.Port, a.Addr, a.Port));
            var expected = (flow.GetProperty("a_to_b_packets").GetInt64(), flow.GetProperty("a_to_b_bytes").GetInt64(),
                            flow.GetProperty("b_to_a_packets").GetInt64(), flow.GetProperty("b_to_a_bytes").GetInt64());
            var actual = (ab.Packets, ab.Bytes, ba.Packets, ba.Bytes);
            if (a == b)
            {
                // Both endpoints identical (same address and port): direction is meaningless, compare totals.
                expected = (expected.Item1 + expected.Item3, expected.Item2 + expected.Item4, 0, 0);
                actual = (ab.Packets, ab.Bytes, 0, 0);
            }
            checkedFlows++;
            if (expected != actual)
            {
                mismatches.Add($"{proto} {a.Addr}:{a.Port} -> {b.Addr}:{b.Port}: tshark {expected}, trafficwatch {actual}");
            }
        }
        output.WriteLine($"{captureId}: {checkedFlows} TCP/UDP conversations compared");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {checkedFlows} conversations differ:\n" + string.Join("\n", mismatches.Take(20)));
    }

    private static string DirKey(byte proto, string src, int sport, string dst, int dport)
        => $"{proto} {src}:{sport} {dst}:{dport}";

    private static Dictionary<string, (long Packets, long Bytes)> Replay(string capture)
    {
        var sink = new CollectingFlowSink();
        using var source = CaptureFiles.Open([capture], null);
        var table = new FlowTable(new FlowTableOptions(), sink);
        new PacketPipeline(source, table, new PipelineOptions { Threads = 1 }).Run();

        var sums = new Dictionary<string, (long Packets, long Bytes)>();
        void Add(string key, long packets, long bytes)
        {
            var (p, b) = sums.GetValueOrDefault(key);
            sums[key] = (p + packets, b + bytes);
        }
        foreach (var r in sink.Records)
        {
            var src = IpAddr.ToString(r.SrcAddr);
            var dst = IpAddr.ToString(r.DstAddr);
            Add(DirKey(r.Protocol, src, r.SrcPort, dst, r.DstPort), r.PktsToServer, r.BytesToServer);
            Add(DirKey(r.Protocol, dst, r.DstPort, src, r.SrcPort), r.PktsToClient, r.BytesToClient);
        }
        return sums;
    }
}
