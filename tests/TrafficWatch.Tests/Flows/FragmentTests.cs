using TrafficWatch.Decode;
using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Flows;

public sealed class FragmentTests
{
    /// <summary>A fragment of UDP datagram <paramref name="id"/> carrying data bytes [offset, offset + length); the one at offset 0 has the ports.</summary>
    private static PacketMeta Frag(double t, uint id, int offset, int length, bool more, int wire = 0)
    {
        var w = wire != 0 ? wire : 34 + length;
        var m = offset == 0 ? Pkt.Udp(t, Pkt.Camera, 5000, Pkt.Nvr, 554, wire: w) : Pkt.Ip(t, Pkt.Camera, Pkt.Nvr, 17, w, 0, 0);
        m.IsFragment = true;
        m.IsNonFirstFragment = offset != 0;
        m.FragmentId = id;
        m.FragmentOffset = offset;
        m.FragmentLength = length;
        m.MoreFragments = more;
        return m;
    }

    [Fact]
    public void Fragments_of_a_complete_datagram_are_counted_to_its_flow_once_it_completes()
    {
        var h = new FlowTableHarness().Feed(Frag(0, 77, 0, 1480, true), Frag(0.001, 77, 1480, 1480, true));
        Assert.Equal(0, h.Table.ActiveFlows);                          // held: the datagram is not complete yet
        Assert.Equal(2, h.Table.HeldFragments);
        h.Feed(Frag(0.002, 77, 2960, 300, false, wire: 350));
        Assert.Equal(0, h.Table.HeldFragments);
        var r = h.Flush().Single();
        Assert.Equal(5000, r.SrcPort);
        Assert.Equal(554, r.DstPort);
        Assert.Equal(3, r.PktsToServer);
        Assert.Equal(1514 + 1514 + 350, r.BytesToServer);
        Assert.Equal(Pkt.At(0), r.Start);
        Assert.Equal(3, h.Table.Counters.FragmentsMatched);
        Assert.Equal(0, h.Table.Counters.FragmentsUnmatched);
    }

    [Fact]
    public void Out_of_order_arrival_last_fragment_first_completes()
    {
        var h = new FlowTableHarness().Feed(
            Frag(0, 5, 2000, 100, false), Frag(0.001, 5, 1000, 1000, true), Frag(0.002, 5, 0, 1000, true));
        var r = h.Flush().Single();
        Assert.Equal(5000, r.SrcPort);
        Assert.Equal(3, r.PktsToServer);
        Assert.Equal(3, h.Table.Counters.FragmentsMatched);
    }

    [Fact]
    public void Incomplete_datagrams_are_counted_with_ports_0_at_flush_including_the_first_fragment()
    {
        // zeek-ipv4-fragmented-2: (0, MF) (48, last) (0, MF again) leave a gap: tshark counts all three as udp ports 0.
        var h = new FlowTableHarness().Feed(Frag(0, 0xF2, 0, 18, true), Frag(0.001, 0xF2, 48, 116, false), Frag(0.002, 0xF2, 0, 18, true));
        Assert.Equal(3, h.Table.HeldFragments);
        Assert.Equal(0, h.Table.ActiveFlows);
        var r = h.Flush().Single();
        Assert.Equal(0, r.SrcPort);
        Assert.Equal(0, r.DstPort);
        Assert.Equal(17, r.Protocol);
        Assert.Equal(3, r.PktsToServer);
        Assert.Equal(3, h.Table.Counters.FragmentsUnmatched);
        Assert.Equal(0, h.Table.Counters.FragmentsMatched);
        Assert.Equal(0, h.Table.HeldFragments);
    }

    [Fact]
    public void Incomplete_datagrams_are_released_with_ports_0_at_the_fragment_timeout()
    {
        var h = new FlowTableHarness(new FlowTableOptions { FragmentTimeout = 5, UdpNewTimeout = 300 })
            .Feed(Frag(0, 9, 0, 1000, true));
        h.Table.AdvanceTime(Pkt.At(5));
        Assert.Equal(1, h.Table.HeldFragments);                       // not older than the timeout yet
        h.Table.AdvanceTime(Pkt.At(6));
        Assert.Equal(0, h.Table.HeldFragments);
        Assert.Equal(1, h.Table.Counters.FragmentsUnmatched);
        // A late fragment of the timed-out datagram starts a new (incomplete) one.
        h.Feed(Frag(6.5, 9, 1000, 100, false));
        Assert.Equal(1, h.Table.HeldFragments);
        var r = h.Flush().Single();
        Assert.Equal(0, r.SrcPort);
        Assert.Equal(2, r.PktsToServer);
        Assert.Equal(Pkt.At(0), r.Start);                             // starts at the fragment's own arrival
    }

    [Fact]
    public void A_later_fragment_covering_a_held_one_leaves_it_out_with_ports_0_and_the_rest_completes()
    {
        // zeek-ipv4-fragmented-4: 0..24 MF, 48..72 MF, 72..89 last, 24..72 MF: reassembled from 2, 5, 4; frame 3 unmatched.
        var h = new FlowTableHarness().Feed(
            Frag(0, 0, 0, 24, true), Frag(0.001, 0, 48, 24, true), Frag(0.002, 0, 72, 17, false));
        Assert.Equal(3, h.Table.HeldFragments);
        h.Feed(Frag(0.003, 0, 24, 48, true));
        Assert.Equal(0, h.Table.HeldFragments);
        Assert.Equal(2, h.Table.ActiveFlows);
        var records = h.Flush();
        Assert.Equal(3, Assert.Single(records, r => r.SrcPort == 5000).PktsToServer);
        var portZero = Assert.Single(records, r => r.SrcPort == 0);
        Assert.Equal(1, portZero.PktsToServer);
        Assert.Equal(34 + 24, portZero.BytesToServer);
        Assert.Equal(3, h.Table.Counters.FragmentsMatched);
        Assert.Equal(1, h.Table.Counters.FragmentsUnmatched);
    }

    [Fact]
    public void A_fragment_inside_a_held_one_or_overlapping_it_partly_is_left_out_with_ports_0()
    {
        // tshark leaves out, in offset order, a fragment overlapping placed bytes (when they differ: assumed here).
        var inside = new FlowTableHarness().Feed(Frag(0, 3, 0, 100, true), Frag(0.001, 3, 20, 40, true), Frag(0.002, 3, 100, 10, false));
        Assert.Equal(2, Assert.Single(inside.Flush(), r => r.SrcPort == 5000).PktsToServer);
        Assert.Equal(1, inside.Table.Counters.FragmentsUnmatched);

        var partial = new FlowTableHarness().Feed(Frag(0, 3, 40, 60, false), Frag(0.001, 3, 0, 48, true));
        var records = partial.Flush();
        Assert.Equal(1, Assert.Single(records, r => r.SrcPort == 5000).PktsToServer);   // (0..48) placed first
        Assert.Equal(1, Assert.Single(records, r => r.SrcPort == 0).PktsToServer);      // (40..100) overlaps it
    }

    [Fact]
    public void Exact_duplicates_are_assumed_identical_and_kept_in_the_datagram()
    {
        // As tshark counts a repeated fragment with the same bytes (retransmission, SPAN duplicate).
        var h = new FlowTableHarness().Feed(
            Frag(0, 8, 0, 24, true), Frag(0, 8, 0, 24, true), Frag(0.001, 8, 24, 24, true), Frag(0.001, 8, 24, 24, true),
            Frag(0.002, 8, 48, 8, false));
        var r = h.Flush().Single();
        Assert.Equal(5000, r.SrcPort);
        Assert.Equal(5, r.PktsToServer);
        Assert.Equal(5, h.Table.Counters.FragmentsMatched);
        Assert.Equal(0, h.Table.Counters.FragmentsUnmatched);
    }

    [Fact]
    public void A_fragment_arriving_after_its_datagram_completed_starts_a_new_incomplete_one()
    {
        var h = new FlowTableHarness().Feed(Frag(0, 6, 0, 24, true), Frag(0, 6, 72, 8, false), Frag(0, 6, 24, 48, true));
        Assert.Equal(3, h.Table.Counters.FragmentsMatched);
        h.Feed(Frag(0.001, 6, 48, 24, true));
        Assert.Equal(1, h.Table.HeldFragments);
        var records = h.Flush();
        Assert.Equal(1, Assert.Single(records, r => r.SrcPort == 0).PktsToServer);
    }

    [Fact]
    public void Fragments_of_another_vlan_or_id_belong_to_another_datagram()
    {
        var otherVlan = Frag(0.001, 9, 1000, 10, false);
        otherVlan.TryPushVlan(20);
        var h = new FlowTableHarness().Feed(Frag(0, 9, 0, 1000, true), otherVlan, Frag(0.002, 10, 1000, 10, false));
        Assert.Equal(3, h.Table.HeldFragments);
        h.Flush();
        Assert.Equal(3, h.Table.Counters.FragmentsUnmatched);
    }

    [Fact]
    public void A_whole_datagram_in_one_fragment_is_accounted_at_once()
    {
        var h = new FlowTableHarness().Feed(Frag(0, 4, 0, 100, false));
        Assert.Equal(1, h.Table.ActiveFlows);
        Assert.Equal(1, h.Table.Counters.FragmentsMatched);
    }

    [Fact]
    public void The_tracker_is_bounded_in_datagrams_and_releases_the_oldest_unmatched()
    {
        var h = new FlowTableHarness(new FlowTableOptions { MaxFragmentEntries = 2 });
        h.Feed(Frag(0, 1, 0, 100, true), Frag(0, 2, 0, 100, true), Frag(0, 3, 0, 100, true));
        Assert.Equal(2, h.Table.HeldFragments);
        Assert.Equal(1, h.Table.Counters.FragmentsUnmatched);        // datagram 1 evicted
        h.Feed(Frag(0.1, 1, 100, 10, false), Frag(0.1, 3, 100, 10, false));
        Assert.Equal(2, h.Table.Counters.FragmentsMatched);          // datagram 3 completes
        Assert.Equal(2, h.Table.Counters.FragmentsUnmatched);        // datagram 2 evicted by datagram 1's new entry
        Assert.Equal(1, h.Table.HeldFragments);
    }

    [Fact]
    public void The_tracker_is_bounded_in_held_fragments_overall_and_per_datagram()
    {
        var h = new FlowTableHarness(new FlowTableOptions { MaxFragmentEntries = 1_000 });
        for (var i = 0; i < FragmentTracker.MaxFragmentsPerDatagram; i++)
        {
            h.Feed(Frag(0, 1, 8 + i * 8, 8, true));
        }
        Assert.Equal(FragmentTracker.MaxFragmentsPerDatagram, h.Table.HeldFragments);
        h.Feed(Frag(0, 1, 8 + FragmentTracker.MaxFragmentsPerDatagram * 8, 8, true));
        Assert.Equal(0, h.Table.HeldFragments);
        Assert.Equal(FragmentTracker.MaxFragmentsPerDatagram + 1, h.Table.Counters.FragmentsUnmatched);

        var small = new FlowTableHarness(new FlowTableOptions { MaxFragmentEntries = 1 });   // 64 held fragments in all
        for (var i = 0; i < 64; i++)
        {
            small.Feed(Frag(0, 1, 8 + i * 8, 8, true));
        }
        small.Feed(Frag(0, 2, 8, 8, true));                           // a new datagram needs a node and an entry
        Assert.Equal(1, small.Table.HeldFragments);
        Assert.Equal(64, small.Table.Counters.FragmentsUnmatched);
    }

    [Fact]
    public void Ipv6_fragments_complete_like_ipv4()
    {
        static PacketMeta V6(double t, int offset, int length, bool more)
        {
            var m = offset == 0 ? Pkt.Tcp(t, Pkt.V6, 40000, IpAddr.Parse("2001:db8::2"), 80, Pkt.Syn, wire: 512)
                : Pkt.Ip(t, Pkt.V6, IpAddr.Parse("2001:db8::2"), 6, 512, 0, 0);
            m.IsFragment = true;
            m.IsNonFirstFragment = offset != 0;
            m.FragmentId = 0xA1BC6572;
            m.FragmentOffset = offset;
            m.FragmentLength = length;
            m.MoreFragments = more;
            return m;
        }
        var h = new FlowTableHarness().Feed(V6(0, 0, 464, true), V6(0, 464, 464, true), V6(0, 928, 92, false));
        var r = h.Flush().Single();
        Assert.Equal(40000, r.SrcPort);
        Assert.Equal(80, r.DstPort);
        Assert.Equal(3, r.PktsToServer);
    }
}
