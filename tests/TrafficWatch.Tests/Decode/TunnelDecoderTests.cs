using TrafficWatch.Decode;
using static TrafficWatch.Tests.Decode.TestFrames;

namespace TrafficWatch.Tests.Decode;

public class TunnelDecoderTests
{
    private static readonly byte[] s_innerMacs = [0xAA, 0xBB, 0xCC, 0, 0, 1, 0xAA, 0xBB, 0xCC, 0, 0, 2];

    private static byte[] InnerEthernet(ushort etherType, params byte[][] payload) => Concat(s_innerMacs, Be16(etherType), Concat(payload));

    private static byte[] OuterGre(byte[] greAndPayload) => Ethernet(0x0800, Ipv4(47, "10.1.1.1", "10.2.2.2", greAndPayload));

    private static void AssertInnerTcp4(DecodeEvent result, in PacketMeta meta, int tunnelDepth)
    {
        Assert.Equal(DecodeEvent.None, result);
        Assert.True(meta.HasFlowKey);
        Assert.Equal(4, meta.IpVersion);
        Assert.Equal(Ip("192.168.20.5"), meta.SrcAddr);
        Assert.Equal(Ip("203.0.113.9"), meta.DstAddr);
        Assert.Equal((byte)6, meta.Protocol);
        Assert.Equal((ushort)49152, meta.SrcPort);
        Assert.Equal((ushort)443, meta.DstPort);
        Assert.Equal((byte)0x02, meta.TcpFlags);
        Assert.Equal(tunnelDepth, meta.TunnelDepth);
        Assert.Equal(0x0011_2233_4455UL, meta.DstMac.Value);     // outer Ethernet addresses stay
    }

    [Fact]
    public void Gre_carrying_ipv4_yields_the_inner_five_tuple()
    {
        var (result, meta) = RunEthernet(OuterGre(Concat(Gre(0x0800), InnerTcp4())));

        AssertInnerTcp4(result, meta, 1);
        Assert.Equal(14 + 20 + 4, meta.L3Offset);
    }

    [Fact]
    public void Gre_with_checksum_key_and_sequence_skips_all_optional_fields()
    {
        var (result, meta) = RunEthernet(OuterGre(Concat(Gre(0x0800, checksum: true, key: true, sequence: true), InnerTcp4())));

        AssertInnerTcp4(result, meta, 1);
        Assert.Equal(14 + 20 + 16, meta.L3Offset);
    }

    [Fact]
    public void Gre_with_rfc1701_source_routes_skips_them()
    {
        byte[] gre = [0x40, 0x00, 0x08, 0x00, 0, 0, 0, 0];          // R bit: checksum/offset word follows
        byte[] routes = [0x08, 0x00, 0x00, 0x04, 10, 0, 0, 1, 0x00, 0x00, 0x00, 0x00];  // one IPv4 SRE, then the null SRE

        var (result, meta) = RunEthernet(OuterGre(Concat(gre, routes, InnerTcp4())));

        AssertInnerTcp4(result, meta, 1);
    }

    [Fact]
    public void Gre_keepalive_with_an_unknown_protocol_keeps_the_outer_flow()
    {
        var (result, meta) = RunEthernet(OuterGre(Concat(Gre(0x0000), new byte[8])));

        Assert.Equal(DecodeEvent.NotIp, result);
        Assert.True(meta.HasFlowKey);
        Assert.Equal((byte)47, meta.Protocol);
        Assert.Equal(Ip("10.1.1.1"), meta.SrcAddr);
    }

    [Fact]
    public void Gre_carrying_ipv6_yields_the_inner_ipv6_flow()
    {
        var (result, meta) = RunEthernet(OuterGre(Concat(Gre(0x86DD, key: true), InnerTcp6())));

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(6, meta.IpVersion);
        Assert.Equal((ushort)8443, meta.DstPort);
        Assert.Equal(1, meta.TunnelDepth);
    }

    [Fact]
    public void Gre_transparent_ethernet_bridging_decodes_the_bridged_frame()
    {
        var (result, meta) = RunEthernet(OuterGre(Concat(Gre(0x6558), InnerEthernet(0x8100, VlanTag(20, 0x0800), InnerTcp4()))));

        AssertInnerTcp4(result, meta, 1);
        Assert.Equal((ushort)20, meta.OuterVlan);                  // inner VLAN tags are pushed
    }

    [Fact]
    public void Gre_carrying_mpls_counts_two_tunnel_levels()
    {
        var (result, meta) = RunEthernet(OuterGre(Concat(Gre(0x8847), MplsLabel(100, bottom: true), InnerTcp4())));

        AssertInnerTcp4(result, meta, 2);
    }

    [Fact]
    public void Erspan_type_one_has_ethernet_right_after_gre()
    {
        var (result, meta) = RunEthernet(OuterGre(Concat(Gre(0x88BE), InnerEthernet(0x0800, InnerTcp4()))));

        AssertInnerTcp4(result, meta, 1);
        Assert.Equal(14 + 20 + 4 + 14, meta.L3Offset);
    }

    [Fact]
    public void Erspan_type_two_skips_its_eight_byte_header()
    {
        var (result, meta) = RunEthernet(OuterGre(Concat(Gre(0x88BE, sequence: true), ErspanTypeTwo(), InnerEthernet(0x0800, InnerTcp4()))));

        AssertInnerTcp4(result, meta, 1);
        Assert.Equal(14 + 20 + 8 + 8 + 14, meta.L3Offset);
    }

    [Theory]
    [InlineData(false, 12)]
    [InlineData(true, 20)]
    public void Erspan_type_three_skips_its_header_and_optional_platform_subheader(bool subheader, int headerLength)
    {
        var (result, meta) = RunEthernet(OuterGre(Concat(Gre(0x22EB, sequence: true), ErspanTypeThree(subheader), InnerEthernet(0x0800, InnerTcp4()))));

        AssertInnerTcp4(result, meta, 1);
        Assert.Equal(14 + 20 + 8 + headerLength + 14, meta.L3Offset);
    }

    [Fact]
    public void Vxlan_on_port_4789_yields_the_inner_five_tuple()
    {
        var frame = Ethernet(0x0800, Ipv4(17, "10.1.1.1", "10.2.2.2", Udp(51000, 4789, Concat(Vxlan(5020), InnerEthernet(0x0800, InnerTcp4())))));

        var (result, meta) = RunEthernet(frame);

        AssertInnerTcp4(result, meta, 1);
        Assert.Equal(14 + 20 + 8 + 8 + 14, meta.L3Offset);
    }

    [Fact]
    public void Vxlan_port_without_the_i_flag_stays_plain_udp()
    {
        var frame = Ethernet(0x0800, Ipv4(17, "10.1.1.1", "10.2.2.2", Udp(51000, 4789, Concat(Vxlan(5020, validFlag: false), new byte[20]))));

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal((ushort)4789, meta.DstPort);
        Assert.Equal(0, meta.TunnelDepth);
    }

    [Fact]
    public void Vxlan_carrying_arp_keeps_the_outer_udp_flow()
    {
        var arp = new byte[28];
        arp[4] = 6;
        arp[5] = 4;
        var frame = Ethernet(0x0800, Ipv4(17, "10.1.1.1", "10.2.2.2", Udp(51000, 4789, Concat(Vxlan(5020), InnerEthernet(0x0806, arp)))));

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.Arp, result);
        Assert.True(meta.HasFlowKey);
        Assert.Equal(Ip("10.1.1.1"), meta.SrcAddr);
        Assert.Equal((ushort)4789, meta.DstPort);
    }

    [Fact]
    public void Ip_in_ip_yields_the_inner_five_tuple()
    {
        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(4, "10.1.1.1", "10.2.2.2", InnerTcp4())));

        AssertInnerTcp4(result, meta, 1);
        Assert.Equal(34, meta.L3Offset);
    }

    [Fact]
    public void Ipv6_in_ipv4_yields_the_inner_ipv6_flow()
    {
        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(41, "10.1.1.1", "10.2.2.2", InnerTcp6())));

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(6, meta.IpVersion);
        Assert.Equal(Ip("2001:db8::5"), meta.SrcAddr);
        Assert.Equal((ushort)49153, meta.SrcPort);
        Assert.Equal(1, meta.TunnelDepth);
    }

    [Fact]
    public void Ipv4_in_ipv6_yields_the_inner_ipv4_flow()
    {
        var (result, meta) = RunEthernet(Ethernet(0x86DD, Ipv6(4, "2001:db8::1", "2001:db8::2", InnerTcp4())));

        AssertInnerTcp4(result, meta, 1);
    }

    [Fact]
    public void Ipv6_in_ipv6_yields_the_inner_flow()
    {
        var (result, meta) = RunEthernet(Ethernet(0x86DD, Ipv6(41, "2001:db8::1", "2001:db8::2", InnerTcp6())));

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(Ip("2001:db8::5"), meta.SrcAddr);
        Assert.Equal(1, meta.TunnelDepth);
    }

    [Fact]
    public void Gre_over_ipv6_yields_the_inner_flow()
    {
        var (result, meta) = RunEthernet(Ethernet(0x86DD, Ipv6(47, "2001:db8::1", "2001:db8::2", Concat(Gre(0x0800), InnerTcp4()))));

        AssertInnerTcp4(result, meta, 1);
    }

    [Fact]
    public void Mpls_label_stack_is_walked_to_the_inner_ipv4_packet()
    {
        var frame = Ethernet(0x8847, MplsLabel(16, bottom: false), MplsLabel(17, bottom: false), MplsLabel(18, bottom: true), InnerTcp4());

        var (result, meta) = RunEthernet(frame);

        AssertInnerTcp4(result, meta, 1);
        Assert.Equal(14 + 12, meta.L3Offset);
    }

    [Fact]
    public void Mpls_in_vlan_carrying_ipv6_is_decoded()
    {
        var frame = Ethernet(0x8100, VlanTag(20, 0x8847), MplsLabel(16, bottom: true), InnerTcp6());

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal((ushort)20, meta.OuterVlan);
        Assert.Equal(6, meta.IpVersion);
        Assert.Equal((ushort)0x86DD, meta.EtherType);
    }

    [Fact]
    public void Mpls_pseudowire_with_control_word_carries_ethernet()
    {
        var frame = Ethernet(0x8847, MplsLabel(16, bottom: true), new byte[4], InnerEthernet(0x0800, InnerTcp4()));

        var (result, meta) = RunEthernet(frame);

        AssertInnerTcp4(result, meta, 1);
    }

    [Fact]
    public void Tunnel_inside_a_fragment_is_not_entered()
    {
        var frame = Ethernet(0x0800, Ipv4(47, "10.1.1.1", "10.2.2.2", Concat(Gre(0x0800), InnerTcp4()), flagsAndOffset: 0x2000));

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(Ip("10.1.1.1"), meta.SrcAddr);
        Assert.Equal((byte)47, meta.Protocol);
        Assert.Equal(0, meta.TunnelDepth);
    }

    [Fact]
    public void Nested_tunnels_up_to_the_limit_are_decoded()
    {
        var packet = InnerTcp4();
        for (var i = 0; i < Tunnel.MaxDepth; i++)
        {
            packet = Ipv4(4, "10.9.9.1", "10.9.9.2", packet);
        }

        var (result, meta) = Run(LinkType.Raw, packet);

        AssertInnerTcp4(result, meta with { DstMac = new MacAddress(0x0011_2233_4455UL) }, Tunnel.MaxDepth);
    }
}
