using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Flows;

public sealed class InitiatorTests
{
    [Fact]
    public void Sender_of_the_syn_is_the_source_even_when_its_address_sorts_high()
    {
        // Cloud (203.0.113.9) sorts above Camera: the initiator is the key's high side.
        var syn = Pkt.Tcp(0, Pkt.Cloud, 40_000, Pkt.Camera, 80, Pkt.Syn);
        var r = new FlowTableHarness().Feed(syn, Pkt.Reply(syn, 0.01, Pkt.Syn | Pkt.Ack)).Flush().Single();
        Assert.Equal(Pkt.Cloud, r.SrcAddr);
        Assert.Equal(40_000, r.SrcPort);
        Assert.Equal(Pkt.Camera, r.DstAddr);
        Assert.Equal(80, r.DstPort);
        Assert.Equal(1, r.PktsToServer);
        Assert.Equal(1, r.PktsToClient);
        Assert.Equal(Pkt.Syn, r.TcpFlagsToServer);
        Assert.Equal(Pkt.Syn | Pkt.Ack, r.TcpFlagsToClient);
    }

    [Fact]
    public void When_the_syn_ack_is_seen_first_its_receiver_is_the_initiator()
    {
        var synAck = Pkt.Tcp(0, Pkt.Cloud, 443, Pkt.Camera, 50_000, Pkt.Syn | Pkt.Ack);
        var ack = Pkt.Reply(synAck, 0.01, Pkt.Ack);
        var r = new FlowTableHarness().Feed(synAck, ack).Flush().Single();
        Assert.Equal(Pkt.Camera, r.SrcAddr);
        Assert.Equal(50_000, r.SrcPort);
        Assert.Equal(443, r.DstPort);
        Assert.Equal(1, r.PktsToServer);
        Assert.Equal(1, r.PktsToClient);
        Assert.Equal(FlowState.Established, r.State);
        // MACs come from the initiator's own first frame.
        Assert.Equal(Pkt.CameraMac, r.SrcMac);
        Assert.Equal(Pkt.GatewayMac, r.DstMac);
    }

    [Fact]
    public void A_flow_picked_up_mid_stream_keeps_its_first_sender_even_if_a_syn_follows()
    {
        var data = Pkt.Tcp(0, Pkt.Nvr, 554, Pkt.Camera, 41_000, Pkt.Ack | Pkt.Psh, wire: 1400, payload: 1346);
        var lateSyn = Pkt.Reply(data, 0.5, Pkt.Syn);
        var r = new FlowTableHarness().Feed(data, lateSyn).Flush().Single();
        Assert.Equal(Pkt.Nvr, r.SrcAddr);
        Assert.Equal(554, r.SrcPort);
        Assert.Equal(1, r.PktsToServer);
        Assert.Equal(1, r.PktsToClient);
        Assert.Equal(Pkt.Syn, r.TcpFlagsToClient);
    }

    [Fact]
    public void Udp_initiator_is_the_sender_of_the_first_packet_and_macs_are_its_frame()
    {
        var q = Pkt.Udp(0, Pkt.Camera, 5353, Pkt.Nvr, 53);
        var r = new FlowTableHarness().Feed(q, Pkt.Reply(q, 0.002)).Flush().Single();
        Assert.Equal(Pkt.Camera, r.SrcAddr);
        Assert.Equal(Pkt.CameraMac, r.SrcMac);
        Assert.Equal(Pkt.GatewayMac, r.DstMac);
        Assert.Equal(FlowState.Established, r.State);
    }

    [Fact]
    public void Icmp_echo_records_type_and_code_of_the_first_packet_and_counts_both_directions()
    {
        var r = new FlowTableHarness().Feed(
            Pkt.Echo(0, Pkt.Nvr, Pkt.Camera, reply: false),
            Pkt.Echo(0.001, Pkt.Camera, Pkt.Nvr, reply: true)).Flush().Single();
        Assert.Equal(Pkt.Nvr, r.SrcAddr);
        Assert.Equal(8, r.IcmpType);
        Assert.Equal(0, r.IcmpCode);
        Assert.Equal(8 << 8, r.SrcPort);
        Assert.Equal(7, r.DstPort);
        Assert.Equal(1, r.PktsToServer);
        Assert.Equal(1, r.PktsToClient);
    }
}
