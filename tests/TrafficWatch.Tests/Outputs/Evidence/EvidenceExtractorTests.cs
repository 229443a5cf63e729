using System.Globalization;
using System.Text.Json;
using TrafficWatch.Decode;
using TrafficWatch.Flows;
using TrafficWatch.Outputs.Evidence;
using TrafficWatch.Tests.Capture;
using TrafficWatch.Tests.Support;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Outputs.Evidence;

/// <summary>Extracting flows from the shared captures gives exactly the packets and bytes tshark's ground truth counts.</summary>
public sealed class EvidenceExtractorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("zeek-web")]
    [InlineData("zeek-http-vlan-0")]
    [InlineData("iotsentinel-EdimaxCam1-Setup-C-4-STA")]
    [InlineData("iotsentinel-D-LinkCam-Setup-C-10-STA")]
    [InlineData("zeek-ipv4-fragmented-4")]
    [InlineData("sv-defrag-bug-6887-defrag-ipv4-tcp-syn")]
    public async Task A_flow_extracted_by_id_has_the_truth_packets_bytes_and_first_time(string id)
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return;
        }
        var dir = Path.Combine(root, "pcaps", id);
        var capture = Directory.EnumerateFiles(dir).Single(static f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal));
        var records = EvidenceTools.FlowRecords(capture);
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "truth", "flows.json")));
        using var temp = new TempDirectory();
        var compared = 0;
        foreach (var flow in truth.RootElement.GetProperty("flows").EnumerateArray())
        {
            var proto = flow.GetProperty("proto").GetString() switch { "tcp" => (byte)6, "udp" => (byte)17, _ => (byte)0 };
            if (proto == 0)
            {
                continue;                                         // ICMP/IGMP: keyed differently from the plain 5-tuple
            }
            var a = IpAddr.Parse(flow.GetProperty("a_ip").GetString()!);
            var b = IpAddr.Parse(flow.GetProperty("b_ip").GetString()!);
            var aPort = (ushort)flow.GetProperty("a_port").GetInt32();
            var bPort = (ushort)flow.GetProperty("b_port").GetInt32();
            var ours = records.Where(r => r.Protocol == proto
                && ((r.SrcAddr == a && r.SrcPort == aPort && r.DstAddr == b && r.DstPort == bPort)
                    || (r.SrcAddr == b && r.SrcPort == bPort && r.DstAddr == a && r.DstPort == aPort))).ToList();
            if (ours.Count != 1)
            {
                output.WriteLine($"{id}: {IpAddr.ToString(a)}:{aPort}-{IpAddr.ToString(b)}:{bPort} is {ours.Count} flows here (timeouts/VLANs); not compared");
                continue;
            }
            var packets = flow.GetProperty("a_to_b_packets").GetInt64() + flow.GetProperty("b_to_a_packets").GetInt64();
            var bytes = flow.GetProperty("a_to_b_bytes").GetInt64() + flow.GetProperty("b_to_a_bytes").GetInt64();
            var outPath = temp.File($"flow-{compared}.pcap");

            var result = new EvidenceExtractor().Extract([capture], EvidenceQuery.ForFlow(ours[0].FlowId), outPath);

            Assert.Equal(packets, result.Packets);
            Assert.Equal(bytes, result.WireBytes);
            Assert.Equal(ParseTruthTime(flow.GetProperty("first_time").GetString()!), result.FirstPacket);
            Assert.Equal(ParseTruthTime(flow.GetProperty("last_time").GetString()!), result.LastPacket);
            if (EvidenceTools.TsharkAvailable(output))
            {
                var (code, lines, stderr) = await EvidenceTools.TsharkCountAsync(outPath);
                Assert.True(code == 0, $"tshark exited {code}: {stderr}");
                Assert.Equal(packets, lines);
            }
            compared++;
        }
        Assert.True(compared > 0, $"{id}: no flow compared");
    }

    [Fact]
    public void The_written_records_are_the_original_frames_with_their_wire_lengths()
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return;
        }
        var capture = Path.Combine(root, "pcaps", "zeek-web", "web.pcap");
        var flow = EvidenceTools.FlowRecords(capture).MaxBy(static r => r.PktsToServer + r.PktsToClient);
        using var temp = new TempDirectory();
        var outPath = temp.File("web-flow.pcap");

        new EvidenceExtractor().Extract([capture], EvidenceQuery.ForFlow(flow.FlowId), outPath);

        var expected = EvidenceTools.Frames(capture).Where(f =>
        {
            var meta = default(PacketMeta);
            PacketDecoder.Decode(f.LinkType, f.Data, ref meta);
            return meta.HasFlowKey && FlowKey.From(meta).Equals(flow.Key);
        }).ToList();
        var written = EvidenceTools.Frames(outPath);
        Assert.Equal(expected.Count, written.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Time, written[i].Time);
            Assert.Equal(expected[i].Data, written[i].Data);
            Assert.Equal(expected[i].WireLength, written[i].WireLength);
            Assert.Equal(expected[i].LinkType, written[i].LinkType);
        }
    }

    [Fact]
    public void An_unknown_flow_id_writes_nothing_and_says_so()
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return;
        }
        var capture = Path.Combine(root, "pcaps", "zeek-web", "web.pcap");
        using var temp = new TempDirectory();
        var outPath = temp.File("none.pcap");

        var ex = Assert.Throws<EvidenceException>(() => new EvidenceExtractor().Extract([capture], EvidenceQuery.ForFlow(1), outPath));

        Assert.Equal(EvidenceFailure.NothingMatched, ex.Failure);
        Assert.StartsWith("no packets of flow 1 in 24 frames of ", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }

    private static PacketTime ParseTruthTime(string text)
    {
        var parts = text.Split('.');
        return PacketTime.FromSeconds(long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1].PadRight(9, '0'), CultureInfo.InvariantCulture));
    }
}
