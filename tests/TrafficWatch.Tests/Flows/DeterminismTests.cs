using System.Globalization;
using TrafficWatch.Flows;
using TrafficWatch.Tests.Support;

namespace TrafficWatch.Tests.Flows;

public sealed class DeterminismTests
{
    [Fact]
    public void The_same_packets_through_two_tables_give_identical_records_in_identical_order()
    {
        var first = Run(TrafficGenerator.Generate(seed: 7, count: 30_000), initialChurn: false);
        var second = Run(TrafficGenerator.Generate(seed: 7, count: 30_000), initialChurn: true);
        Assert.True(first.Count > 1_000);
        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i], second[i]);
        }
    }

    [Fact]
    public void Flush_all_ends_flows_by_start_time_then_flow_id()
    {
        var h = new FlowTableHarness().Feed(
            Pkt.Udp(3, Pkt.Camera, 3, Pkt.Nvr, 53),
            Pkt.Udp(1, Pkt.Camera, 1, Pkt.Nvr, 53),
            Pkt.Udp(5, Pkt.Camera, 2, Pkt.Nvr, 53),
            Pkt.Udp(5, Pkt.Camera, 4, Pkt.Nvr, 53));
        var records = h.Flush();
        Assert.Equal(4, records.Count);
        Assert.All(records, r => Assert.Equal(FlowEndReason.Shutdown, r.Reason));
        for (var i = 1; i < records.Count; i++)
        {
            var (a, b) = (records[i - 1], records[i]);
            Assert.True(a.Start < b.Start || (a.Start == b.Start && a.FlowId < b.FlowId));
        }
        Assert.Equal(4, h.Table.Counters.EndedShutdown);
        Assert.Equal(0, h.Table.ActiveFlows);
    }

    private static List<string> Run(TrafficWatch.Decode.PacketMeta[] packets, bool initialChurn)
    {
        var options = new FlowTableOptions { MaxFlows = 250, UdpNewTimeout = 3, TcpClosedTimeout = 2, InterimSeconds = 7 };
        var sink = new CollectingFlowSink();
        var table = new FlowTable(options, sink);
        if (initialChurn)
        {
            // Different history of slot use before the real input must not change anything but this prefix.
            for (var i = 0; i < 500; i++)
            {
                var p = Pkt.Udp(-1000, Pkt.V6, (ushort)i, Pkt.Cloud, 9);
                p.Timestamp = new PacketTime(1);
                table.Process(ref p);
            }
            table.FlushAll();
            sink.Records.Clear();
        }
        var visitor = new CollectingFlowSink();
        var lines = new List<string>();
        for (var i = 0; i < packets.Length; i++)
        {
            table.Process(ref packets[i]);
            if (i % 1000 == 999)
            {
                table.CollectIntervalDeltas(visitor);
                lines.AddRange(visitor.Take().Select(Format));
            }
        }
        table.FlushAll();
        lines.AddRange(sink.Records.Select(Format));
        return lines;
    }

    private static string Format(FlowRecord r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Reason} {r.FlowId} {r.Key} {r.SrcPort}>{r.DstPort} {r.Start.Nanoseconds}-{r.End.Nanoseconds} " +
        $"{r.PktsToServer}/{r.PktsToClient} {r.BytesToServer}/{r.BytesToClient} d{r.DeltaPktsToServer}/{r.DeltaPktsToClient}/{r.DeltaBytesToServer}/{r.DeltaBytesToClient} " +
        $"{r.IsNewInInterval} {r.State} {r.TcpFlagsToServer:x2}/{r.TcpFlagsToClient:x2} {r.SrcMac}");
}
