using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Flows;

public sealed class EvictionTests
{
    [Fact]
    public void When_full_the_flow_idle_longest_across_all_timeout_classes_is_evicted_and_counted()
    {
        var h = new FlowTableHarness(new FlowTableOptions { MaxFlows = 3 });
        var tcp = Pkt.Tcp(0, Pkt.Camera, 50_000, Pkt.Cloud, 443, Pkt.Syn);
        h.Feed(
            tcp,                                                   // TcpNew list, last seen 0 -> refreshed at 3
            Pkt.Udp(1, Pkt.Camera, 5000, Pkt.Nvr, 554),            // UdpNew list, last seen 1: the longest idle after t=3
            Pkt.Echo(2, Pkt.Camera, Pkt.Nvr, reply: false),        // IcmpNew list, last seen 2
            Pkt.Reply(tcp, 3, Pkt.Syn | Pkt.Ack));
        Assert.Equal(3, h.Table.ActiveFlows);
        h.Feed(Pkt.Udp(4, Pkt.Camera, 6000, Pkt.Nvr, 554));
        var evicted = h.Sink.Single(FlowEndReason.Evicted);
        Assert.Equal(5000, evicted.SrcPort);
        Assert.Equal(1, h.Table.Counters.Evicted);
        Assert.Equal(3, h.Table.ActiveFlows);

        h.Feed(Pkt.Udp(5, Pkt.Camera, 7000, Pkt.Nvr, 554));
        Assert.Equal(2, h.Table.Counters.Evicted);
        Assert.Equal(1, h.Sink.Records[^1].Protocol);              // then the ICMP flow (last seen 2)
    }

    [Fact]
    public void The_table_grows_past_its_initial_capacity_up_to_max_flows_and_keeps_finding_flows()
    {
        var h = new FlowTableHarness(new FlowTableOptions { MaxFlows = 5_000 });
        for (var i = 0; i < 5_000; i++)
        {
            h.Feed(Pkt.Udp(0, Pkt.Camera, (ushort)(10_000 + i), Pkt.Nvr, 53));
        }
        for (var i = 0; i < 5_000; i++)
        {
            h.Feed(Pkt.Udp(0.5, Pkt.Nvr, 53, Pkt.Camera, (ushort)(10_000 + i)));
        }
        Assert.Equal(5_000, h.Table.ActiveFlows);
        Assert.Equal(5_000, h.Table.Capacity);
        Assert.Equal(0, h.Table.Counters.Evicted);
        var records = h.Flush();
        Assert.All(records, r => Assert.Equal((1L, 1L), (r.PktsToServer, r.PktsToClient)));
    }
}
