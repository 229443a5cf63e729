using TrafficWatch.Decode;
using static TrafficWatch.Tests.Decode.TestFrames;

namespace TrafficWatch.Tests.Decode;

/// <summary>One malformed input per anomaly in <see cref="DecodeEvent"/>, asserting the exact event.</summary>
public class MalformedInputTests
{
    /// <summary>Raised by the flow stage (fragment reassembly), never by the decoder.</summary>
    private static readonly DecodeEvent[] s_notRaisedByDecoder = [DecodeEvent.FragmentNoFirst];

    public static TheoryData<DecodeEvent, LinkType, byte[]> Cases => new()
    {
        { DecodeEvent.EthernetTooSmall, LinkType.Ethernet, new byte[13] },
        { DecodeEvent.VlanTooSmall, LinkType.Ethernet, Concat(DstMac, SrcMac, [0x81, 0x00, 0x00]) },
        { DecodeEvent.VlanTooManyLayers, LinkType.Ethernet, Ethernet(0x8100, Repeat(VlanTag(1, 0x8100), 9), VlanTag(1, 0x0800), InnerTcp4()) },
        { DecodeEvent.SllTooSmall, LinkType.LinuxSll, new byte[15] },
        { DecodeEvent.Sll2TooSmall, LinkType.LinuxSll2, new byte[19] },
        { DecodeEvent.MplsTooSmall, LinkType.Ethernet, Ethernet(0x8847, [0x00, 0x01]) },
        { DecodeEvent.MplsTooManyLabels, LinkType.Ethernet, Ethernet(0x8847, Repeat(MplsLabel(16, bottom: false), 17), InnerTcp4()) },
        { DecodeEvent.ArpTooSmall, LinkType.Ethernet, Ethernet(0x0806, [0, 1, 8, 0, 6, 4]) },
        { DecodeEvent.NullTooSmall, LinkType.Null, [2, 0, 0] },
        { DecodeEvent.RawInvalidIpVersion, LinkType.Raw, Concat([0x50], new byte[39]) },
        { DecodeEvent.MplsUnknownPayload, LinkType.Ethernet, Ethernet(0x8847, MplsLabel(16, bottom: true), Concat([0x50], new byte[39])) },
        { DecodeEvent.Ipv4TooSmall, LinkType.Ethernet, Ethernet(0x0800, InnerTcp4()[..19]) },
        { DecodeEvent.Ipv4WrongVersion, LinkType.Ethernet, Ethernet(0x0800, InnerTcp6()) },
        { DecodeEvent.Ipv4HeaderLengthTooSmall, LinkType.Ethernet, Ethernet(0x0800, WithByte(InnerTcp4(), 0, 0x44)) },
        { DecodeEvent.Ipv4HeaderLengthTooBig, LinkType.Ethernet, Ethernet(0x0800, Concat(WithByte(InnerTcp4(), 0, 0x4F), new byte[40])) },
        { DecodeEvent.Ipv4TotalLengthTooSmall, LinkType.Ethernet, Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(1, 2, 0x02), totalLength: 19)) },
        { DecodeEvent.Ipv4Truncated, LinkType.Ethernet, Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", [], options: new byte[40], totalLength: 100)[..40]) },
        { DecodeEvent.Ipv4OptionsMalformed, LinkType.Ethernet, Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(1, 2, 0x02), options: [0x07, 0x10, 0, 0])) },
        { DecodeEvent.Ipv6TooSmall, LinkType.Ethernet, Ethernet(0x86DD, InnerTcp6()[..39]) },
        { DecodeEvent.Ipv6WrongVersion, LinkType.Ethernet, Ethernet(0x86DD, InnerTcp4(), new byte[20]) },
        { DecodeEvent.Ipv6ExtensionHeaderTruncated, LinkType.Ethernet, Ethernet(0x86DD, Ipv6(0, "2001:db8::1", "2001:db8::2", [6, 5, 0, 0, 0, 0, 0, 0])) },
        { DecodeEvent.Ipv6TooManyExtensionHeaders, LinkType.Ethernet, Ethernet(0x86DD, Ipv6(60, "2001:db8::1", "2001:db8::2", Concat(Repeat(Ipv6Options(60), 9), Ipv6Options(6), Tcp(1, 2, 0x02)))) },
        { DecodeEvent.TcpTooSmall, LinkType.Ethernet, Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(1, 2, 0x02)[..10])) },
        { DecodeEvent.TcpHeaderLengthTooSmall, LinkType.Ethernet, Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", WithByte(Tcp(1, 2, 0x02), 12, 0x40))) },
        { DecodeEvent.TcpHeaderLengthTooBig, LinkType.Ethernet, Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", WithByte(Tcp(1, 2, 0x02), 12, 0xF0))) },
        { DecodeEvent.UdpTooSmall, LinkType.Ethernet, Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(1, 2)[..6])) },
        { DecodeEvent.UdpLengthInvalid, LinkType.Ethernet, Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(1, 2, new byte[4], length: 4))) },
        { DecodeEvent.IcmpTooSmall, LinkType.Ethernet, Ethernet(0x0800, Ipv4(1, "10.0.0.1", "10.0.0.2", Icmp(3, 1)[..4])) },
        { DecodeEvent.Icmpv6TooSmall, LinkType.Raw, Ipv6(58, "2001:db8::1", "2001:db8::2", [135, 0, 0]) },
        { DecodeEvent.GreTooSmall, LinkType.Ethernet, Ethernet(0x0800, Ipv4(47, "10.0.0.1", "10.0.0.2", [0x20, 0x00, 0x08, 0x00])) },
        { DecodeEvent.GreUnsupportedVersion, LinkType.Ethernet, Ethernet(0x0800, Ipv4(47, "10.0.0.1", "10.0.0.2", [0x00, 0x02, 0x08, 0x00, 0, 0, 0, 0])) },
        { DecodeEvent.PppTooSmall, LinkType.Ethernet, Ethernet(0x8864, [0x11, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00]) },
        { DecodeEvent.ErspanTooSmall, LinkType.Ethernet, Ethernet(0x0800, Ipv4(47, "10.0.0.1", "10.0.0.2", Concat(Gre(0x88BE, sequence: true), [0x10, 0x14, 0, 7]))) },
        { DecodeEvent.VxlanTooSmall, LinkType.Ethernet, Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(5000, 4789, [0x08, 0, 0, 0]))) },
        { DecodeEvent.TunnelTooDeep, LinkType.Raw, Nest(InnerTcp4(), Tunnel.MaxDepth + 1) },
        { DecodeEvent.ErspanUnsupportedVersion, LinkType.Ethernet, Ethernet(0x0800, Ipv4(47, "10.0.0.1", "10.0.0.2", Concat(Gre(0x88BE, sequence: true), WithByte(ErspanTypeTwo(), 0, 0x20), new byte[60]))) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_input_reports_its_exact_event(DecodeEvent expected, LinkType linkType, byte[] frame)
    {
        var (result, _) = Run(linkType, frame);

        Assert.Equal(expected, result);
        Assert.True(DecodeEventInfo.IsAnomaly(result));
    }

    [Fact]
    public void Every_anomaly_event_has_a_malformed_input_case()
    {
        var covered = new HashSet<DecodeEvent>();
        foreach (var row in Cases)
        {
            covered.Add((DecodeEvent)row[0]);
        }
        foreach (var value in Enum.GetValues<DecodeEvent>())
        {
            if (DecodeEventInfo.IsAnomaly(value) && Array.IndexOf(s_notRaisedByDecoder, value) < 0)
            {
                Assert.True(covered.Contains(value), $"no malformed-input case for {value}");
            }
        }
    }

    [Fact]
    public void Truncated_vlan_tag_reports_VlanTooSmall()
    {
        ReadOnlySpan<byte> frame =
        [
            0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01,   // dst mac, src mac
            0x81, 0x00, 0x00,                                          // 802.1Q TPID, TCI cut after one byte
        ];
        var meta = default(PacketMeta);

        Assert.Equal(DecodeEvent.VlanTooSmall, EthernetDecoder.Decode(frame, ref meta));
    }

    [Fact]
    public void Malformed_ipv4_options_are_reported_but_the_flow_is_kept()
    {
        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(1, 2, 0x02), options: [0x07, 0x10, 0, 0])));

        Assert.Equal(DecodeEvent.Ipv4OptionsMalformed, result);
        Assert.True(meta.HasFlowKey);
        Assert.Equal((ushort)2, meta.DstPort);
    }

    [Fact]
    public void Udp_length_beyond_the_ip_payload_is_invalid_but_keeps_the_flow()
    {
        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(1, 2, new byte[4], length: 400))));

        Assert.Equal(DecodeEvent.UdpLengthInvalid, result);
        Assert.True(meta.HasFlowKey);
        Assert.Equal(4, meta.PayloadLength);
    }

    [Fact]
    public void Malformed_inner_packet_leaves_the_outer_flow_in_place()
    {
        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(4, "10.1.1.1", "10.2.2.2", new byte[10])));

        Assert.Equal(DecodeEvent.Ipv4TooSmall, result);
        Assert.True(meta.HasFlowKey);
        Assert.Equal(Ip("10.1.1.1"), meta.SrcAddr);
        Assert.Equal((byte)4, meta.Protocol);
    }

    [Fact]
    public void Ipv6_extension_header_walk_failure_has_no_flow_key()
    {
        var (result, meta) = RunEthernet(Ethernet(0x86DD, Ipv6(0, "2001:db8::1", "2001:db8::2", [6, 5, 0, 0, 0, 0, 0, 0])));

        Assert.Equal(DecodeEvent.Ipv6ExtensionHeaderTruncated, result);
        Assert.False(meta.HasFlowKey);
    }

    [Fact]
    public void Icmp_echo_cut_before_the_identifier_has_no_flow_key()
    {
        var (result, meta) = RunEthernet(Ethernet(0x0800, Ipv4(1, "10.0.0.1", "10.0.0.2", Icmp(8, 0, id: 5)[..4])));

        Assert.Equal(DecodeEvent.IcmpTooSmall, result);
        Assert.False(meta.HasFlowKey);
    }

    private static byte[] Repeat(byte[] part, int count)
    {
        var parts = new byte[count][];
        Array.Fill(parts, part);
        return Concat(parts);
    }

    private static byte[] WithByte(byte[] bytes, int index, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] = value;
        return copy;
    }

    private static byte[] Nest(byte[] packet, int levels)
    {
        for (var i = 0; i < levels; i++)
        {
            packet = Ipv4(4, "10.9.9.1", "10.9.9.2", packet);
        }
        return packet;
    }
}
