using TrafficWatch.Decode;
using static TrafficWatch.Tests.Decode.TestFrames;

namespace TrafficWatch.Tests.Decode;

public class IpDecoderTests
{
    [Fact]
    public void Ipv4_options_are_skipped_and_offsets_follow_the_header_length()
    {
        byte[] options = [0x01, 0x01, 0x07, 0x07, 0x04, 0, 0, 0, 0, 0, 0, 0];   // NOP NOP record-route(7) + pad
        var frame = Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(5353, 5353, [1, 2, 3]), options));

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(14, meta.L3Offset);
        Assert.Equal(14 + 32, meta.L4Offset);
        Assert.Equal(14 + 40, meta.PayloadOffset);
        Assert.Equal(3, meta.PayloadLength);
        Assert.Equal((ushort)5353, meta.SrcPort);
    }

    [Fact]
    public void Ethernet_padding_after_the_ip_total_length_is_not_payload()
    {
        var frame = Concat(Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(1, 2, 0x10))), new byte[6]);

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(0, meta.PayloadLength);
    }

    [Fact]
    public void Snapped_capture_shorter_than_the_total_length_is_normal()
    {
        var full = Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(50000, 80, 0x18, new byte[1400])));
        var snapped = full[..96];

        var (result, meta) = RunEthernet(snapped);

        Assert.Equal(DecodeEvent.None, result);
        Assert.True(meta.HasFlowKey);
        Assert.Equal((ushort)80, meta.DstPort);
        Assert.Equal(96 - 54, meta.PayloadLength);                 // clipped to what was captured
    }

    [Fact]
    public void First_ipv4_fragment_is_parsed_to_l4_and_flagged()
    {
        var frame = Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(4000, 53, new byte[32], length: 3000),
            id: 0xBEEF, flagsAndOffset: 0x2000));

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);                    // UDP length covers the whole datagram: fine in a fragment
        Assert.True(meta.IsFragment);
        Assert.False(meta.IsNonFirstFragment);
        Assert.Equal(0xBEEFu, meta.FragmentId);
        Assert.Equal((ushort)53, meta.DstPort);
        Assert.True(meta.HasFlowKey);
    }

    [Fact]
    public void Non_first_ipv4_fragment_has_a_flow_key_without_ports()
    {
        var frame = Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", new byte[100], id: 0xBEEF, flagsAndOffset: 185));

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.True(meta.IsFragment);
        Assert.True(meta.IsNonFirstFragment);
        Assert.Equal(0xBEEFu, meta.FragmentId);
        Assert.True(meta.HasFlowKey);
        Assert.Equal((byte)17, meta.Protocol);
        Assert.Equal((ushort)0, meta.SrcPort);
        Assert.Equal((ushort)0, meta.DstPort);
        Assert.Equal(-1, meta.L4Offset);
        Assert.Equal(100, meta.PayloadLength);
    }

    [Fact]
    public void Unfragmented_packet_with_dont_fragment_is_not_a_fragment()
    {
        var (_, meta) = RunEthernet(Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(1, 2, 0x02), flagsAndOffset: 0x4000)));

        Assert.False(meta.IsFragment);
        Assert.Equal(0u, meta.FragmentId);
    }

    [Fact]
    public void Ipv4_protocol_we_do_not_parse_is_keyed_without_ports()
    {
        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(2, "192.168.20.5", "224.0.0.22", new byte[8])));   // IGMP

        Assert.Equal(DecodeEvent.UnsupportedIpProtocol, result);
        Assert.False(DecodeEventInfo.IsAnomaly(result));
        Assert.True(meta.HasFlowKey);
        Assert.Equal((byte)2, meta.Protocol);
        Assert.Equal(8, meta.PayloadLength);
    }

    [Fact]
    public void Ipv6_extension_headers_are_walked_to_the_transport_header()
    {
        var payload = Concat(Ipv6Options(60), Ipv6Options(43), Ipv6Options(6), Tcp(40000, 443, 0x02));
        var frame = Ethernet(0x86DD, Ipv6(0, "fe80::1", "2001:db8::9", payload));

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal((byte)6, meta.Protocol);
        Assert.Equal(14 + 40 + 24, meta.L4Offset);
        Assert.Equal((ushort)40000, meta.SrcPort);
        Assert.Equal(Ip("fe80::1"), meta.SrcAddr);
        Assert.False(meta.IsFragment);
    }

    [Fact]
    public void Ipv6_first_fragment_is_parsed_and_carries_the_32_bit_id()
    {
        var payload = Concat(Ipv6Fragment(17, 0, more: true, id: 0xDEADBEEF), Udp(5000, 5001, new byte[16], length: 4000));
        var (result, meta) = RunEthernet(Ethernet(0x86DD, Ipv6(44, "2001:db8::1", "2001:db8::2", payload)));

        Assert.Equal(DecodeEvent.None, result);
        Assert.True(meta.IsFragment);
        Assert.False(meta.IsNonFirstFragment);
        Assert.Equal(0xDEADBEEFu, meta.FragmentId);
        Assert.Equal((ushort)5001, meta.DstPort);
    }

    [Fact]
    public void Ipv6_non_first_fragment_stops_at_the_fragment_header()
    {
        var payload = Concat(Ipv6Options(44), Ipv6Fragment(17, 100, more: false, id: 7), new byte[64]);
        var (result, meta) = RunEthernet(Ethernet(0x86DD, Ipv6(0, "2001:db8::1", "2001:db8::2", payload)));

        Assert.Equal(DecodeEvent.None, result);
        Assert.True(meta.IsNonFirstFragment);
        Assert.Equal(7u, meta.FragmentId);
        Assert.Equal((byte)17, meta.Protocol);
        Assert.Equal((ushort)0, meta.DstPort);
        Assert.True(meta.HasFlowKey);
        Assert.Equal(64, meta.PayloadLength);
    }

    [Fact]
    public void Ipv6_atomic_fragment_is_a_whole_packet()
    {
        var payload = Concat(Ipv6Fragment(6, 0, more: false, id: 9), Tcp(1, 2, 0x02));
        var (_, meta) = RunEthernet(Ethernet(0x86DD, Ipv6(44, "2001:db8::1", "2001:db8::2", payload)));

        Assert.False(meta.IsFragment);
        Assert.Equal((ushort)2, meta.DstPort);
    }

    [Fact]
    public void Ipv6_built_with_packetdotnet_decodes_addresses_and_ports()
    {
        var udp = new PacketDotNet.UdpPacket(546, 547) { PayloadData = new byte[12] };
        var ip = new PacketDotNet.IPv6Packet(System.Net.IPAddress.Parse("fe80::2"), System.Net.IPAddress.Parse("ff02::1:2"))
        { PayloadPacket = udp };
        udp.UpdateCalculatedValues();
        ip.UpdateCalculatedValues();

        var (result, meta) = Run(LinkType.Raw, ip.Bytes);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(Ip("fe80::2"), meta.SrcAddr);
        Assert.Equal(Ip("ff02::1:2"), meta.DstAddr);
        Assert.Equal((ushort)547, meta.DstPort);
        Assert.Equal(12, meta.PayloadLength);
    }
}
