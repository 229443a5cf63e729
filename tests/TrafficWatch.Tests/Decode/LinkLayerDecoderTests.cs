using System.Buffers.Binary;
using TrafficWatch.Decode;
using static TrafficWatch.Tests.Decode.TestFrames;

namespace TrafficWatch.Tests.Decode;

public class LinkLayerDecoderTests
{
    [Fact]
    public void Ethernet_ipv4_tcp_frame_fills_macs_addresses_and_ports()
    {
        var frame = Ethernet(0x0800, InnerTcp4());

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.True(meta.HasFlowKey);
        Assert.Equal(0x0011_2233_4455UL, meta.DstMac.Value);
        Assert.Equal(0x0200_5e10_0001UL, meta.SrcMac.Value);
        Assert.Equal((ushort)0x0800, meta.EtherType);
        Assert.Equal(4, meta.IpVersion);
        Assert.Equal(Ip("192.168.20.5"), meta.SrcAddr);
        Assert.Equal(Ip("203.0.113.9"), meta.DstAddr);
        Assert.Equal(14, meta.L3Offset);
        Assert.Equal(34, meta.L4Offset);
        Assert.Equal(54, meta.PayloadOffset);
        Assert.Equal(0, meta.PayloadLength);
        Assert.Equal(0, meta.TunnelDepth);
    }

    [Fact]
    public void Ethernet_decoder_can_be_called_directly_on_a_span()
    {
        ReadOnlySpan<byte> frame = Ethernet(0x86DD, InnerTcp6());
        var meta = default(PacketMeta);

        Assert.Equal(DecodeEvent.None, EthernetDecoder.Decode(frame, ref meta));
        Assert.Equal(6, meta.IpVersion);
        Assert.Equal((ushort)8443, meta.DstPort);
    }

    [Fact]
    public void Ieee8023_length_field_frame_is_not_ip()
    {
        var frame = Ethernet(0x0026, [0x42, 0x42, 0x03, 0x00, 0x00, 0x00]);   // STP over LLC

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.NotIp, result);
        Assert.False(meta.HasFlowKey);
        Assert.Equal((ushort)0, meta.EtherType);
    }

    [Fact]
    public void Lldp_frame_is_not_ip_and_keeps_its_ether_type()
    {
        var (result, meta) = RunEthernet(Ethernet(0x88CC, new byte[20]));

        Assert.Equal(DecodeEvent.NotIp, result);
        Assert.Equal((ushort)0x88CC, meta.EtherType);
        Assert.False(meta.HasFlowKey);
    }

    [Fact]
    public void Single_vlan_tag_is_pushed_as_outer_vlan()
    {
        var frame = Ethernet(0x8100, VlanTag(20, 0x0800), InnerTcp4());

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(1, meta.VlanCount);
        Assert.Equal((ushort)20, meta.OuterVlan);
        Assert.Equal((ushort)0, meta.InnerVlan);
        Assert.Equal(18, meta.L3Offset);
    }

    [Theory]
    [InlineData(0x88A8)]
    [InlineData(0x9100)]
    [InlineData(0x8100)]
    public void QinQ_keeps_outer_and_inner_vlan(int outerTpid)
    {
        var frame = Ethernet((ushort)outerTpid, VlanTag(100, 0x8100), VlanTag(20 | 0x6000, 0x0800), InnerTcp4());

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(2, meta.VlanCount);
        Assert.Equal((ushort)100, meta.OuterVlan);
        Assert.Equal((ushort)20, meta.InnerVlan);                  // priority bits masked off
        Assert.Equal(22, meta.L3Offset);
        Assert.True(meta.HasFlowKey);
    }

    [Fact]
    public void Three_vlan_tags_are_counted_but_only_two_kept()
    {
        var frame = Ethernet(0x88A8, VlanTag(100, 0x8100), VlanTag(20, 0x8100), VlanTag(30, 0x0800), InnerTcp4());

        var (result, meta) = RunEthernet(frame);

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(3, meta.VlanCount);
        Assert.Equal((ushort)100, meta.OuterVlan);
        Assert.Equal((ushort)20, meta.InnerVlan);
    }

    [Fact]
    public void Arp_request_is_informational_with_ether_type_set()
    {
        var arp = new byte[28];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(2), 0x0800);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(6), 1);

        var (result, meta) = RunEthernet(Ethernet(0x0806, arp));

        Assert.Equal(DecodeEvent.Arp, result);
        Assert.Equal((ushort)0x0806, meta.EtherType);
        Assert.False(meta.HasFlowKey);
        Assert.False(DecodeEventInfo.IsAnomaly(result));
    }

    [Fact]
    public void Arp_built_with_packetdotnet_is_reported_as_arp()
    {
        var arp = new PacketDotNet.ArpPacket(PacketDotNet.ArpOperation.Request,
            System.Net.NetworkInformation.PhysicalAddress.Parse("00-00-00-00-00-00"), System.Net.IPAddress.Parse("192.168.20.1"),
            System.Net.NetworkInformation.PhysicalAddress.Parse("02-00-5E-10-00-01"), System.Net.IPAddress.Parse("192.168.20.5"));
        var eth = new PacketDotNet.EthernetPacket(
            System.Net.NetworkInformation.PhysicalAddress.Parse("02-00-5E-10-00-01"),
            System.Net.NetworkInformation.PhysicalAddress.Parse("FF-FF-FF-FF-FF-FF"), PacketDotNet.EthernetType.Arp)
        { PayloadPacket = arp };

        var (result, meta) = RunEthernet(eth.Bytes);

        Assert.Equal(DecodeEvent.Arp, result);
        Assert.True(meta.DstMac.IsBroadcast);
    }

    [Fact]
    public void Linux_sll_frame_takes_protocol_at_offset_14_and_the_sender_mac()
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(header, 0);          // sent to us
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), 1); // ARPHRD_ETHER
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 6);
        SrcMac.CopyTo(header, 6);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), 0x0800);

        var (result, meta) = Run(LinkType.LinuxSll, Concat(header, InnerTcp4()));

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(0x0200_5e10_0001UL, meta.SrcMac.Value);
        Assert.Equal(16, meta.L3Offset);
        Assert.Equal((ushort)443, meta.DstPort);
    }

    [Fact]
    public void Linux_sll_with_vlan_protocol_walks_the_tag()
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), 0x8100);

        var (result, meta) = Run(LinkType.LinuxSll, Concat(header, VlanTag(30, 0x86DD), InnerTcp6()));

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal((ushort)30, meta.OuterVlan);
        Assert.Equal(6, meta.IpVersion);
    }

    [Fact]
    public void Linux_sll2_frame_takes_protocol_at_offset_0()
    {
        var header = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(header, 0x86DD);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 3); // ifindex
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), 1);
        header[10] = 4;                                              // outgoing
        header[11] = 6;
        SrcMac.CopyTo(header, 12);

        var (result, meta) = Run(LinkType.LinuxSll2, Concat(header, InnerTcp6()));

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(20, meta.L3Offset);
        Assert.Equal(Ip("2001:db8::5"), meta.SrcAddr);
        Assert.Equal(0x0200_5e10_0001UL, meta.SrcMac.Value);
    }

    [Fact]
    public void Linux_sll_llc_pseudo_protocol_is_not_ip()
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), 0x0004);

        var (result, _) = Run(LinkType.LinuxSll, Concat(header, new byte[10]));

        Assert.Equal(DecodeEvent.NotIp, result);
    }

    [Theory]
    [InlineData(LinkType.Raw)]
    [InlineData(LinkType.Ipv4)]
    [InlineData(LinkType.Ipv6)]
    [InlineData(LinkType.RawBsd)]
    [InlineData(LinkType.RawBsd14)]
    public void Raw_ip_links_pick_the_version_from_the_first_nibble(LinkType linkType)
    {
        var (v4, meta4) = Run(linkType, InnerTcp4());
        var (v6, meta6) = Run(linkType, InnerTcp6());

        Assert.Equal(DecodeEvent.None, v4);
        Assert.Equal(4, meta4.IpVersion);
        Assert.Equal(0, meta4.L3Offset);
        Assert.Equal(DecodeEvent.None, v6);
        Assert.Equal(6, meta6.IpVersion);
        Assert.Equal(0UL, meta6.SrcMac.Value);
    }

    [Theory]
    [InlineData(2u, false, 4)]
    [InlineData(2u, true, 4)]
    [InlineData(24u, false, 6)]
    [InlineData(28u, false, 6)]
    [InlineData(30u, true, 6)]
    public void Bsd_null_family_in_either_byte_order_selects_ip_version(uint family, bool bigEndian, int version)
    {
        var header = new byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header, family);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header, family);
        }

        var (result, meta) = Run(LinkType.Null, Concat(header, version == 4 ? InnerTcp4() : InnerTcp6()));

        Assert.Equal(DecodeEvent.None, result);
        Assert.Equal(version, meta.IpVersion);
        Assert.Equal(4, meta.L3Offset);
    }

    [Fact]
    public void Bsd_null_with_an_unknown_family_is_not_ip()
    {
        var (result, _) = Run(LinkType.Null, [7, 0, 0, 0, 1, 2, 3]);

        Assert.Equal(DecodeEvent.NotIp, result);
    }

    [Fact]
    public void Unknown_link_type_is_reported_as_unsupported()
    {
        var (result, meta) = Run((LinkType)105, InnerTcp4());

        Assert.Equal(DecodeEvent.UnsupportedLinkType, result);
        Assert.False(meta.HasFlowKey);
    }

    [Fact]
    public void Reused_meta_carries_nothing_over_from_the_previous_packet()
    {
        var meta = default(PacketMeta);
        PacketDecoder.Decode(LinkType.Ethernet, Ethernet(0x8100, VlanTag(20, 0x0800), InnerTcp4()), ref meta);

        var result = PacketDecoder.Decode(LinkType.Ethernet, Ethernet(0x88CC, new byte[20]), ref meta);

        Assert.Equal(DecodeEvent.NotIp, result);
        Assert.False(meta.HasFlowKey);
        Assert.Equal(0, meta.VlanCount);
        Assert.Equal(UInt128.Zero, meta.SrcAddr);
        Assert.Equal(-1, meta.L4Offset);
    }
}
