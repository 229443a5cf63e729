using TrafficWatch.Decode;
using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Flows;

public sealed class FragmentTests
{
    private static PacketMeta First(double t, uint id, int wire = 1514)
    {
        var m = Pkt.Udp(t, Pkt.Camera, 5000, Pkt.Nvr, 554, wire: wire);
        m.IsFragment = true;
        m.FragmentId = id;
        return m;
    }

    private static PacketMeta NonFirst(double t, uint id, int wire = 600)
    {
        var m = Pkt.Ip(t, Pkt.Camera, Pkt.Nvr, 17, wire, 0, 0);
        m.IsFragment = true;
        m.IsNonFirstFragment = true;
        m.FragmentId = id;
        return m;
    }

    [Fact]
    public void First_and_non_first_fragments_are_counted_to_the_same_flow()
    {
        var h = new FlowTableHarness().Feed(First(0, 77), NonFirst(0.001, 77), NonFirst(0.002, 77, wire: 300));
        var r = h.Flush().Single();
        Assert.Equal(5000, r.SrcPort);
        Assert.Equal(554, r.DstPort);
        Assert.Equal(3, r.PktsToServer);
        Assert.Equal(1514 + 600 + 300, r.BytesToServer);
        Assert.Equal(2, h.Table.Counters.FragmentsMatched);
        Assert.Equal(0, h.Table.Counters.FragmentsUnmatched);
    }

    [Fact]
    public void Unmatched_non_first_fragments_are_counted_and_accounted_to_a_port_zero_flow()
    {
        var h = new FlowTableHarness().Feed(
            First(0, 1),
            NonFirst(0.001, 2),                                    // different datagram id
            NonFirst(0.002, 3));                                   // out of order: its first fragment comes later
        h.Feed(First(0.003, 3));
        var records = h.Flush();
        Assert.Equal(2, h.Table.Counters.FragmentsUnmatched);
        Assert.Equal(0, h.Table.Counters.FragmentsMatched);
        var portZero = Assert.Single(records, r => r.SrcPort == 0);
        Assert.Equal(2, portZero.PktsToServer);
        Assert.Equal(2, Assert.Single(records, r => r.SrcPort == 5000).PktsToServer);
    }

    [Fact]
    public void Fragments_of_another_vlan_or_after_the_fragment_timeout_do_not_match()
    {
        var other = NonFirst(0.001, 9);
        other.TryPushVlan(20);
        var h = new FlowTableHarness(new FlowTableOptions { FragmentTimeout = 1, UdpNewTimeout = 300 })
            .Feed(First(0, 9), other, NonFirst(2, 9));
        Assert.Equal(2, h.Table.Counters.FragmentsUnmatched);
    }

    [Fact]
    public void The_fragment_tracker_is_bounded_and_forgets_the_oldest_first_fragment()
    {
        var tracker = new FragmentTracker(maxEntries: 2, timeoutSeconds: 60);
        var a = First(0, 1);
        var b = First(0, 2);
        var c = First(0, 3);
        tracker.RememberFirst(a, 0);
        tracker.RememberFirst(b, 0);
        tracker.RememberFirst(c, 0);
        Assert.Equal(2, tracker.Count);
        var na = NonFirst(0, 1);
        var nc = NonFirst(0, 3);
        Assert.False(tracker.TryFillPorts(ref na, 0));
        Assert.True(tracker.TryFillPorts(ref nc, 0));
        Assert.Equal(5000, nc.SrcPort);
    }
}
