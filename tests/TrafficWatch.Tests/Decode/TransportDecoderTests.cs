using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using TrafficWatch.Decode;
using static TrafficWatch.Tests.Decode.TestFrames;

namespace TrafficWatch.Tests.Decode;

public class TransportDecoderTests
{
    private static byte[] EthernetIpv4(Packet transport, string src = "192.168.20.5", string dst = "203.0.113.9")
    {
        var ip = new IPv4Packet(IPAddress.Parse(src), IPAddress.Parse(dst)) { PayloadPacket = transport };
        var eth = new EthernetPacket(PhysicalAddress.Parse("02-00-5E-10-00-01"), PhysicalAddress.Parse("00-11-22-33-44-55"), EthernetType.IPv4)
        { PayloadPacket = ip };
        transport.UpdateCalculatedValues();
        ip.UpdateCalculatedValues();
        return eth.Bytes;
    }

    [Fact]
    public void Tcp_syn_ack_built_with_packetdotnet_reports_ports_and_flags()
    {
        var tcp = new TcpPacket(443, 49152) { Synchronize = true, Acknowledgment = true, PayloadData = new byte[10] };

        var (result, meta) = RunEthernet(EthernetIpv4(tcp));

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal((byte)6, meta.Protocol);
        Assert.Equal((ushort)443, meta.SrcPort);
        Assert.Equal((ushort)49152, meta.DstPort);
        Assert.Equal((byte)0x12, meta.TcpFlags);
        Assert.Equal(54, meta.PayloadOffset);
        Assert.Equal(10, meta.PayloadLength);
        Assert.Equal(0x0200_5e10_0001UL, meta.SrcMac.Value);
    }

    [Fact]
    public void Tcp_options_move_the_payload_offset()
    {
        var frame = Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(1234, 80, 0x18, [0x47, 0x45, 0x54], dataOffsetWords: 8)));

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(34 + 32, meta.PayloadOffset);
        Assert.Equal(3, meta.PayloadLength);
        Assert.Equal((byte)0x18, meta.TcpFlags);
    }

    [Fact]
    public void Udp_built_with_packetdotnet_reports_ports_and_payload()
    {
        var udp = new UdpPacket(52000, 53) { PayloadData = new byte[29] };

        var (result, meta) = RunEthernet(EthernetIpv4(udp));

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal((byte)17, meta.Protocol);
        Assert.Equal((ushort)52000, meta.SrcPort);
        Assert.Equal((ushort)53, meta.DstPort);
        Assert.Equal(42, meta.PayloadOffset);
        Assert.Equal(29, meta.PayloadLength);
    }

    [Fact]
    public void Udp_length_shorter_than_the_ip_payload_bounds_the_payload()
    {
        var frame = Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Concat(Udp(1, 2, new byte[4]), new byte[6])));

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(4, meta.PayloadLength);
    }

    [Theory]
    [InlineData((byte)8, (byte)0)]
    [InlineData((byte)13, (byte)14)]
    [InlineData((byte)15, (byte)16)]
    [InlineData((byte)17, (byte)18)]
    public void Icmp_request_and_reply_share_source_and_destination_ports(byte request, byte reply)
    {
        var (requestResult, requestMeta) = RunEthernet(Ethernet(0x0800, Ipv4(1, "10.0.0.1", "10.0.0.2", Icmp(request, 0, id: 0x4242, sequence: 1))));
        var (replyResult, replyMeta) = RunEthernet(Ethernet(0x0800, Ipv4(1, "10.0.0.2", "10.0.0.1", Icmp(reply, 0, id: 0x4242, sequence: 1))));

        Assert.Equal(DecodeEvent.None, requestResult);
        Assert.Equal(DecodeEvent.None, replyResult);
        Assert.Equal((ushort)(request << 8), requestMeta.SrcPort);
        Assert.Equal(requestMeta.SrcPort, replyMeta.SrcPort);
        Assert.Equal((ushort)0x4242, requestMeta.DstPort);
        Assert.Equal(requestMeta.DstPort, replyMeta.DstPort);
        Assert.Equal(reply, replyMeta.IcmpType);                  // the raw type stays as on the wire
    }

    [Fact]
    public void Icmp_echo_built_with_packetdotnet_is_normalised()
    {
        var request = new IcmpV4Packet(new PacketDotNet.Utils.ByteArraySegment(new byte[16])) { TypeCode = IcmpV4TypeCode.EchoRequest, Id = 77, Sequence = 1 };
        var reply = new IcmpV4Packet(new PacketDotNet.Utils.ByteArraySegment(new byte[16])) { TypeCode = IcmpV4TypeCode.EchoReply, Id = 77, Sequence = 1 };

        var (_, requestMeta) = RunEthernet(EthernetIpv4(request));
        var (_, replyMeta) = RunEthernet(EthernetIpv4(reply, "203.0.113.9", "192.168.20.5"));

        Assert.Equal((byte)1, requestMeta.Protocol);
        Assert.Equal((ushort)0x0800, requestMeta.SrcPort);
        Assert.Equal(requestMeta.SrcPort, replyMeta.SrcPort);
        Assert.Equal((ushort)77, requestMeta.DstPort);
        Assert.Equal((ushort)77, replyMeta.DstPort);
        Assert.Equal(8, requestMeta.PayloadLength);
    }

    [Fact]
    public void Icmp_error_carries_type_and_code_and_no_identifier()
    {
        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(1, "10.0.0.1", "10.0.0.2", Icmp(3, 3, id: 0x1111))));

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal((byte)3, meta.IcmpType);
        Assert.Equal((byte)3, meta.IcmpCode);
        Assert.Equal((ushort)0x0303, meta.SrcPort);
        Assert.Equal((ushort)0, meta.DstPort);
    }

    [Fact]
    public void Icmpv6_echo_request_and_reply_share_ports()
    {
        var request = Ipv6(58, "2001:db8::1", "2001:db8::2", Icmp(128, 0, id: 0x99, sequence: 3));
        var reply = Ipv6(58, "2001:db8::2", "2001:db8::1", Icmp(129, 0, id: 0x99, sequence: 3));

        var (requestResult, requestMeta) = Run(LinkType.Raw, request);
        var (replyResult, replyMeta) = Run(LinkType.Raw, reply);

        Assert.Equal(DecodeEvent.None, requestResult);
        Assert.Equal(DecodeEvent.None, replyResult);
        Assert.Equal((ushort)(128 << 8), requestMeta.SrcPort);
        Assert.Equal(requestMeta.SrcPort, replyMeta.SrcPort);
        Assert.Equal((ushort)0x99, replyMeta.DstPort);
        Assert.Equal((byte)129, replyMeta.IcmpType);
    }

    [Fact]
    public void Icmpv6_neighbour_solicitation_built_with_packetdotnet_has_no_identifier()
    {
        var body = new byte[24];
        body[0] = 135;
        var icmp = new IcmpV6Packet(new PacketDotNet.Utils.ByteArraySegment(body));
        var ip = new IPv6Packet(IPAddress.Parse("fe80::1"), IPAddress.Parse("ff02::1:ff00:2")) { PayloadPacket = icmp };
        ip.UpdateCalculatedValues();

        var (result, meta) = Run(LinkType.Raw, ip.Bytes);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal((byte)58, meta.Protocol);
        Assert.Equal((byte)135, meta.IcmpType);
        Assert.Equal((ushort)(135 << 8), meta.SrcPort);
        Assert.Equal((ushort)0, meta.DstPort);
        Assert.Equal(40 + 4, meta.PayloadOffset);
        Assert.Equal(ip.Bytes.Length - 44, meta.PayloadLength);
    }

    [Fact]
    public void Tcp_header_cut_by_the_snap_length_keeps_the_flow_when_ports_were_read()
    {
        var frame = Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(1234, 80, 0x02)))[..(34 + 8)];

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.TcpTooSmall, result);
        Assert.True(meta.HasFlowKey);
        Assert.Equal((ushort)80, meta.DstPort);
    }

    [Fact]
    public void Tcp_header_cut_before_the_ports_has_no_flow_key()
    {
        var frame = Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(1234, 80, 0x02)))[..(34 + 3)];

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.TcpTooSmall, result);
        Assert.False(meta.HasFlowKey);
    }
}
