using TrafficWatch.Flows;
using TrafficWatch.Tests.Support;

namespace TrafficWatch.Tests.Flows;

public sealed class IntervalDeltaTests
{
    [Fact]
    public void Deltas_visit_only_touched_flows_and_flag_new_ones()
    {
        var h = new FlowTableHarness();
        var a = Pkt.Udp(0, Pkt.Camera, 5000, Pkt.Nvr, 554, wire: 200);
        var b = Pkt.Udp(0.1, Pkt.Camera, 5001, Pkt.Nvr, 554, wire: 300);
        h.Feed(a, b, Pkt.Reply(a, 0.2, wire: 70));
        var visitor = new CollectingFlowSink();
        h.Table.CollectIntervalDeltas(visitor);
        var first = visitor.Take();
        Assert.Equal([5000, 5001], first.Select(r => (int)r.SrcPort));   // first-touch order
        Assert.All(first, r => Assert.True(r.IsNewInInterval));
        Assert.All(first, r => Assert.Equal(FlowEndReason.Interval, r.Reason));
        Assert.Equal((1L, 200L, 1L, 70L), (first[0].DeltaPktsToServer, first[0].DeltaBytesToServer, first[0].DeltaPktsToClient, first[0].DeltaBytesToClient));

        h.Feed(Pkt.Udp(1, Pkt.Camera, 5001, Pkt.Nvr, 554, wire: 400));
        h.Table.CollectIntervalDeltas(visitor);
        var second = Assert.Single(visitor.Take());
        Assert.Equal(5001, second.SrcPort);
        Assert.False(second.IsNewInInterval);
        Assert.Equal((1L, 400L), (second.DeltaPktsToServer, second.DeltaBytesToServer));
        Assert.Equal((2L, 700L), (second.PktsToServer, second.BytesToServer));

        h.Table.CollectIntervalDeltas(visitor);
        Assert.Empty(visitor.Records);
    }

    [Fact]
    public void Deltas_of_visits_and_end_records_sum_exactly_to_flow_totals_across_many_intervals()
    {
        var options = new FlowTableOptions { MaxFlows = 300, UdpNewTimeout = 2, IcmpNewTimeout = 2, TcpClosedTimeout = 1, InterimSeconds = 5 };
        var h = new FlowTableHarness(options);
        var packets = TrafficGenerator.Generate(seed: 42, count: 20_000);
        var visitor = new CollectingFlowSink();
        var sums = new Dictionary<long, long[]>();
        var totals = new Dictionary<long, FlowRecord>();

        void Add(FlowRecord r)
        {
            if (!sums.TryGetValue(r.FlowId, out var s))
            {
                sums[r.FlowId] = s = new long[4];
            }
            s[0] += r.DeltaPktsToServer;
            s[1] += r.DeltaPktsToClient;
            s[2] += r.DeltaBytesToServer;
            s[3] += r.DeltaBytesToClient;
        }

        void Drain()
        {
            foreach (var r in h.Sink.Take())
            {
                if (r.Reason == FlowEndReason.Interim)
                {
                    Assert.Equal(0, r.DeltaPktsToServer + r.DeltaPktsToClient);
                    continue;
                }
                Assert.True(totals.TryAdd(r.FlowId, r), "a flow ended twice");
                Add(r);
            }
        }

        var intervals = 0;
        for (var i = 0; i < packets.Length; i++)
        {
            h.Table.Process(ref packets[i]);
            if (i % 997 == 0)
            {
                Drain();                                            // end records before the collection, as a pipeline sees them
                h.Table.CollectIntervalDeltas(visitor);
                foreach (var r in visitor.Take())
                {
                    Assert.False(totals.ContainsKey(r.FlowId), "visited after it ended");
                    Add(r);
                }
                intervals++;
            }
        }
        h.Table.FlushAll();
        Drain();

        Assert.True(intervals > 15);
        Assert.True(h.Table.Counters.EndedTimeout > 0 && h.Table.Counters.EndedClosed > 0 && h.Table.Counters.Evicted > 0);
        Assert.Equal(totals.Count, sums.Count);
        long packetsCounted = 0;
        foreach (var (id, r) in totals)
        {
            Assert.Equal([r.PktsToServer, r.PktsToClient, r.BytesToServer, r.BytesToClient], sums[id]);
            packetsCounted += r.PktsToServer + r.PktsToClient;
        }
        Assert.Equal(packets.Length, packetsCounted);
    }
}
