using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Flows;

public sealed class FlowKeyTests
{
    [Fact]
    public void Both_directions_of_a_tcp_conversation_give_the_same_key()
    {
        var request = Pkt.Tcp(0, Pkt.Camera, 50_000, Pkt.Cloud, 443, Pkt.Syn);
        var reply = Pkt.Reply(request, 0.01, Pkt.Syn | Pkt.Ack);
        Assert.Equal(FlowKey.From(request), FlowKey.From(reply));
        Assert.Equal(FlowKey.From(request).GetHashCode(), FlowKey.From(reply).GetHashCode());
    }

    [Fact]
    public void Icmp_echo_request_and_reply_give_the_same_key()
    {
        Assert.Equal(FlowKey.From(Pkt.Echo(0, Pkt.Camera, Pkt.Nvr, reply: false)), FlowKey.From(Pkt.Echo(0, Pkt.Nvr, Pkt.Camera, reply: true)));
    }

    [Fact]
    public void Outer_and_inner_vlan_both_distinguish_flows()
    {
        var plain = FlowKey.From(Pkt.Udp(0, Pkt.Camera, 5000, Pkt.Nvr, 554));
        var vlan20 = FlowKey.From(Pkt.Udp(0, Pkt.Camera, 5000, Pkt.Nvr, 554, vlan: 20));
        var vlan20Inner5 = FlowKey.From(Pkt.Udp(0, Pkt.Camera, 5000, Pkt.Nvr, 554, vlan: 20, innerVlan: 5));
        Assert.NotEqual(plain, vlan20);
        Assert.NotEqual(vlan20, vlan20Inner5);
    }

    [Fact]
    public void Same_five_tuple_on_two_vlans_makes_two_flows_in_the_table()
    {
        var h = new FlowTableHarness().Feed(
            Pkt.Udp(0, Pkt.Camera, 5000, Pkt.Nvr, 554, vlan: 20),
            Pkt.Udp(0.1, Pkt.Nvr, 554, Pkt.Camera, 5000, vlan: 20),
            Pkt.Udp(0.2, Pkt.Camera, 5000, Pkt.Nvr, 554, vlan: 30));
        Assert.Equal(2, h.Table.ActiveFlows);
        var records = h.Flush();
        Assert.Equal(2, records[0].PktsToServer + records[0].PktsToClient);
        Assert.Equal(1, records[1].PktsToServer + records[1].PktsToClient);
        Assert.Equal(30, records[1].Key.OuterVlan);
    }

    [Fact]
    public void Flow_id_is_stable_across_runs_and_machines()
    {
        // Pinned value: FlowKey.GetHashCode is seeded per process, the flow id must not be.
        var key = FlowKey.From(Pkt.Tcp(0, Pkt.Camera, 50_000, Pkt.Cloud, 443, Pkt.Syn));
        var id = FlowIdGenerator.Compute(key, Pkt.At(0).Nanoseconds);
        Assert.Equal(FlowIdGenerator.Compute(key, Pkt.At(0).Nanoseconds), id);
        Assert.InRange(id, 1, (1L << 52) - 1);
        Assert.Equal(PinnedFlowId, id);
        Assert.NotEqual(id, FlowIdGenerator.Compute(key, Pkt.At(1).Nanoseconds));
    }

    private const long PinnedFlowId = 3_387_586_906_169_381;
}
