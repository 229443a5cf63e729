namespace TrafficWatch.Decode;

/// <summary>Short stable names for <see cref="DecodeEvent"/> values, in Suricata's "decoder.ipv4.trunc_pkt" style.</summary>
public static class DecodeEventInfo
{
    public static bool IsAnomaly(DecodeEvent decodeEvent) => decodeEvent >= DecodeEvent.FirstAnomaly;

    public static string Describe(DecodeEvent decodeEvent) => decodeEvent switch
    {
        DecodeEvent.None => "decoder.ok",
        DecodeEvent.NotIp => "decoder.not_ip",
        DecodeEvent.Arp => "decoder.arp",
        DecodeEvent.UnsupportedLinkType => "decoder.unsupported_link_type",
        DecodeEvent.UnsupportedEtherType => "decoder.unsupported_ether_type",
        DecodeEvent.UnsupportedIpProtocol => "decoder.unsupported_ip_protocol",
        DecodeEvent.EthernetTooSmall => "decoder.ethernet.pkt_too_small",
        DecodeEvent.VlanTooSmall => "decoder.vlan.header_too_small",
        DecodeEvent.VlanTooManyLayers => "decoder.vlan.too_many_layers",
        DecodeEvent.SllTooSmall => "decoder.sll.pkt_too_small",
        DecodeEvent.Sll2TooSmall => "decoder.sll2.pkt_too_small",
        DecodeEvent.MplsTooSmall => "decoder.mpls.header_too_small",
        DecodeEvent.MplsTooManyLabels => "decoder.mpls.too_many_labels",
        DecodeEvent.ArpTooSmall => "decoder.arp.pkt_too_small",
        DecodeEvent.NullTooSmall => "decoder.null.pkt_too_small",
        DecodeEvent.RawInvalidIpVersion => "decoder.ipraw.invalid_ip_version",
        DecodeEvent.MplsUnknownPayload => "decoder.mpls.unknown_payload_type",
        DecodeEvent.Ipv4TooSmall => "decoder.ipv4.pkt_too_small",
        DecodeEvent.Ipv4WrongVersion => "decoder.ipv4.wrong_ip_version",
        DecodeEvent.Ipv4HeaderLengthTooSmall => "decoder.ipv4.hlen_too_small",
        DecodeEvent.Ipv4HeaderLengthTooBig => "decoder.ipv4.hlen_too_big",
        DecodeEvent.Ipv4TotalLengthTooSmall => "decoder.ipv4.iplen_too_small",
        DecodeEvent.Ipv4Truncated => "decoder.ipv4.trunc_pkt",
        DecodeEvent.Ipv4OptionsMalformed => "decoder.ipv4.opt_malformed",
        DecodeEvent.Ipv6TooSmall => "decoder.ipv6.pkt_too_small",
        DecodeEvent.Ipv6WrongVersion => "decoder.ipv6.wrong_ip_version",
        DecodeEvent.Ipv6ExtensionHeaderTruncated => "decoder.ipv6.exthdr_trunc",
        DecodeEvent.Ipv6TooManyExtensionHeaders => "decoder.ipv6.exthdr_too_many",
        DecodeEvent.TcpTooSmall => "decoder.tcp.pkt_too_small",
        DecodeEvent.TcpHeaderLengthTooSmall => "decoder.tcp.hlen_too_small",
        DecodeEvent.TcpHeaderLengthTooBig => "decoder.tcp.hlen_too_big",
        DecodeEvent.UdpTooSmall => "decoder.udp.pkt_too_small",
        DecodeEvent.UdpLengthInvalid => "decoder.udp.len_invalid",
        DecodeEvent.IcmpTooSmall => "decoder.icmpv4.pkt_too_small",
        DecodeEvent.Icmpv6TooSmall => "decoder.icmpv6.pkt_too_small",
        DecodeEvent.GreTooSmall => "decoder.gre.pkt_too_small",
        DecodeEvent.GreUnsupportedVersion => "decoder.gre.wrong_version",
        DecodeEvent.ErspanTooSmall => "decoder.erspan.header_too_small",
        DecodeEvent.VxlanTooSmall => "decoder.vxlan.header_too_small",
        DecodeEvent.TunnelTooDeep => "decoder.tunnel.too_deep",
        DecodeEvent.ErspanUnsupportedVersion => "decoder.erspan.unsupported_version",
        DecodeEvent.PppTooSmall => "decoder.ppp.pkt_too_small",
        DecodeEvent.FragmentNoFirst => "decoder.fragment.no_first",
        _ => "decoder.unknown",
    };
}
