using TrafficWatch.Decode;
using static TrafficWatch.Tests.Decode.TestFrames;

namespace TrafficWatch.Tests.Decode;

public class PppAndIcmpErrorTests
{
    [Fact]
    public void Pppoe_session_carrying_ipv4_yields_the_inner_five_tuple()
    {
        byte[] pppoe = [0x11, 0x00, 0x00, 0x01, 0x00, 0x40, 0x00, 0x21];   // ver/type, code, session, length, PPP IPv4

        var (result, meta) = RunEthernet(Ethernet(0x8864, pppoe, InnerTcp4()));

        Assert.Equal(DecodeEvent.None, result);
        Assert.True(meta.HasFlowKey);
        Assert.Equal(Ip("192.168.20.5"), meta.SrcAddr);
        Assert.Equal((ushort)443, meta.DstPort);
    }

    [Fact]
    public void Pptp_enhanced_gre_with_ppp_yields_the_inner_five_tuple()
    {
        // K and S bits, A bit + version 1, protocol 0x880B; key (length, call id), sequence, ack; then PPP.
        byte[] gre = [0x30, 0x81, 0x88, 0x0B, 0x00, 0x28, 0x00, 0x01, 0, 0, 0, 5, 0, 0, 0, 4];
        byte[] ppp = [0xFF, 0x03, 0x00, 0x21];

        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(47, "10.1.1.1", "10.2.2.2", Concat(gre, ppp, InnerTcp4()))));

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(Ip("203.0.113.9"), meta.DstAddr);
        Assert.Equal((ushort)49152, meta.SrcPort);
        Assert.Equal(1, meta.TunnelDepth);
    }

    [Fact]
    public void Pptp_gre_with_compressed_ppp_protocol_field_is_opened()
    {
        byte[] gre = [0x20, 0x01, 0x88, 0x0B, 0x00, 0x28, 0x00, 0x01];
        byte[] ppp = [0x21];                                                // protocol-field compression: IPv4

        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(47, "10.1.1.1", "10.2.2.2", Concat(gre, ppp, InnerTcp4()))));

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(Ip("192.168.20.5"), meta.SrcAddr);
    }

    [Fact]
    public void Icmp_port_unreachable_is_counted_in_the_quoted_udp_flow()
    {
        var quoted = Ipv4(17, "10.10.10.158", "129.132.2.21", Udp(3084, 123, new byte[48]))[..28];
        var icmp = Concat([3, 3, 0, 0, 0, 0, 0, 0], quoted);

        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(1, "129.132.2.21", "10.10.10.158", icmp)));

        Assert.Equal(DecodeEvent.None, result);
        Assert.True(meta.HasFlowKey);
        Assert.True(meta.IsIcmpErrorQuote);
        Assert.Equal((byte)17, meta.Protocol);
        Assert.Equal(Ip("10.10.10.158"), meta.SrcAddr);                      // the quoted packet's direction
        Assert.Equal(Ip("129.132.2.21"), meta.DstAddr);
        Assert.Equal((ushort)3084, meta.SrcPort);
        Assert.Equal((ushort)123, meta.DstPort);
        Assert.Equal((byte)3, meta.IcmpType);
        Assert.Equal(0, meta.PayloadLength);
    }

    [Fact]
    public void Icmpv6_time_exceeded_is_counted_in_the_quoted_udp_flow()
    {
        var quoted = Ipv6(17, "2001:db8::5", "2001:db8::9", Udp(41077, 33435, new byte[20]));
        var icmp = Concat([3, 0, 0, 0, 0, 0, 0, 0], quoted);

        var (result, meta) = Run(LinkType.Raw, Ipv6(58, "2001:db8::1", "2001:db8::5", icmp));

        Assert.Equal(DecodeEvent.None, result);
        Assert.True(meta.IsIcmpErrorQuote);
        Assert.Equal((byte)17, meta.Protocol);
        Assert.Equal(Ip("2001:db8::5"), meta.SrcAddr);
        Assert.Equal((ushort)33435, meta.DstPort);
    }

    [Fact]
    public void An_icmp_error_quoting_icmp_stays_an_icmp_flow()
    {
        var quoted = Ipv4(1, "10.0.0.1", "10.0.0.2", Icmp(8, 0, 77));
        var icmp = Concat([11, 0, 0, 0, 0, 0, 0, 0], quoted);

        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(1, "10.0.0.254", "10.0.0.1", icmp)));

        Assert.Equal(DecodeEvent.None, result);
        Assert.False(meta.IsIcmpErrorQuote);
        Assert.Equal((byte)1, meta.Protocol);
        Assert.Equal(Ip("10.0.0.254"), meta.SrcAddr);
    }

    [Fact]
    public void An_icmp_error_with_a_cut_quote_stays_an_icmp_flow()
    {
        var icmp = Concat([3, 1, 0, 0, 0, 0, 0, 0], Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(1, 2))[..22]);

        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(1, "10.0.0.254", "10.0.0.1", icmp)));

        Assert.Equal(DecodeEvent.None, result);
        Assert.False(meta.IsIcmpErrorQuote);
        Assert.Equal((byte)1, meta.Protocol);
    }
}
