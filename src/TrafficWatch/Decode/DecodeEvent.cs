namespace TrafficWatch.Decode;

/// <summary>
/// What a decoder found wrong (or notable) in a packet, like Suricata's decode-events.h.
/// A decoder returns exactly one value and never throws. <see cref="None"/> means the packet decoded
/// cleanly. Events below <see cref="FirstAnomaly"/> are informational (counted, not errors).
/// Keep the numbering stable: it appears in summaries and metrics.
/// </summary>
public enum DecodeEvent : byte
{
    None = 0,

    // Informational: the packet is fine but carries no flow.
    NotIp = 1,              // ARP, LLDP, STP, EAPoL ...: counted per EtherType class, no flow
    Arp = 2,
    UnsupportedLinkType = 3,
    UnsupportedEtherType = 4,
    UnsupportedIpProtocol = 5,   // IP packet with an L4 we do not parse: flow keyed without ports
    FirstAnomaly = 16,

    // Link layer
    EthernetTooSmall = 16,
    VlanTooSmall,
    VlanTooManyLayers,
    SllTooSmall,
    Sll2TooSmall,
    MplsTooSmall,
    MplsTooManyLabels,
    ArpTooSmall,
    NullTooSmall = 24,          // BSD loopback header shorter than its 4-byte family
    RawInvalidIpVersion = 25,   // raw IP link whose first nibble is neither 4 nor 6
    MplsUnknownPayload = 26,    // bottom of the MPLS stack is followed by neither IPv4, IPv6 nor a PW control word

    // IPv4
    Ipv4TooSmall = 32,
    Ipv4WrongVersion,
    Ipv4HeaderLengthTooSmall,
    Ipv4HeaderLengthTooBig,
    Ipv4TotalLengthTooSmall,
    Ipv4Truncated,          // total length beyond captured bytes is NOT this: snaplen is normal; this is header cut
    Ipv4OptionsMalformed,

    // IPv6
    Ipv6TooSmall = 48,
    Ipv6WrongVersion,
    Ipv6ExtensionHeaderTruncated,
    Ipv6TooManyExtensionHeaders,

    // Transport
    TcpTooSmall = 64,
    TcpHeaderLengthTooSmall,
    TcpHeaderLengthTooBig,
    UdpTooSmall,
    UdpLengthInvalid,
    IcmpTooSmall,
    Icmpv6TooSmall,

    // Tunnels
    GreTooSmall = 80,
    GreUnsupportedVersion,
    ErspanTooSmall,
    VxlanTooSmall,
    TunnelTooDeep,
    ErspanUnsupportedVersion = 85,
    PppTooSmall = 86,

    // Fragments
    FragmentNoFirst = 96,   // a non-first fragment whose first fragment was never seen
}
