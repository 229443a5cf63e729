namespace TrafficWatch.Decode;

/// <summary>
/// Shared by IPv4 and IPv6 once their header is decoded: records the innermost IP identity in
/// <see cref="PacketMeta"/> and dispatches on the transport protocol (TCP, UDP, ICMP, ICMPv6) or the
/// tunnel protocol (IP-in-IP 4, IPv6 41, GRE 47).
/// </summary>
/// <remarks>
/// Flow-key policy: an IP header decoded sets <see cref="PacketMeta.HasFlowKey"/>. A transport header cut so
/// short that its ports (or ICMP type/code/identifier) are unreadable clears it again, since a flow keyed on
/// invented ports would be a ghost. Non-first fragments and protocols we do not parse keep the key with
/// ports 0. Tunnels are not entered inside fragments (no reassembly here): the outer packet is the flow.
/// </remarks>
internal static class IpPayloadDecoder
{
    public const byte ProtocolIcmp = 1, ProtocolIpInIp = 4, ProtocolTcp = 6, ProtocolUdp = 17,
        ProtocolIpv6 = 41, ProtocolGre = 47, ProtocolIcmpv6 = 58, ProtocolNoNextHeader = 59;

    /// <summary>Overwrites the IP identity of <paramref name="meta"/> with this (possibly inner) packet's.</summary>
    public static void BeginPacket(ref PacketMeta meta, byte version, int l3Offset, UInt128 src, UInt128 dst)
    {
        meta.IpVersion = version;
        meta.L3Offset = l3Offset;
        meta.SrcAddr = src;
        meta.DstAddr = dst;
        ClearIpFields(ref meta);
        meta.HasFlowKey = true;
    }

    /// <summary>Clears everything an IP header and what follows it fill in (not the addresses, version or L3 offset).</summary>
    public static void ClearIpFields(ref PacketMeta meta)
    {
        meta.Protocol = 0;
        meta.SrcPort = 0;
        meta.DstPort = 0;
        meta.TcpFlags = 0;
        meta.IcmpType = 0;
        meta.IcmpCode = 0;
        meta.L4Offset = -1;
        meta.PayloadOffset = 0;
        meta.PayloadLength = 0;
        meta.IsFragment = false;
        meta.IsNonFirstFragment = false;
        meta.IsIcmpErrorQuote = false;
        meta.FragmentId = 0;
        meta.FragmentOffset = 0;
        meta.FragmentLength = 0;
        meta.MoreFragments = false;
    }

    /// <param name="packet">Frame clipped to the end of the captured IP packet (offsets stay frame-relative).</param>
    /// <param name="offset">Start of the IP payload.</param>
    /// <param name="declaredLength">IP payload length as the IP header states it (may exceed what was captured).</param>
    /// <param name="protocol">IP protocol / IPv6 next header of the payload.</param>
    /// <param name="meta">The packet being filled.</param>
    public static DecodeEvent Decode(ReadOnlySpan<byte> packet, int offset, int declaredLength, byte protocol, ref PacketMeta meta)
    {
        meta.Protocol = protocol;
        if (meta.IsNonFirstFragment)
        {
            SetOpaquePayload(packet, offset, ref meta);              // ports stay 0: the flow stage owns fragments
            meta.L4Offset = -1;
            return DecodeEvent.None;
        }
        meta.L4Offset = offset;
        switch (protocol)
        {
            case ProtocolTcp:
                return TcpDecoder.Decode(packet, offset, declaredLength, ref meta);
            case ProtocolUdp:
                return UdpDecoder.Decode(packet, offset, declaredLength, ref meta);
            case ProtocolIcmp:
            {
                var result = IcmpDecoder.Decode(packet, offset, ref meta);
                if (result == DecodeEvent.None && IcmpErrorQuote.IsErrorV4(meta.IcmpType))
                {
                    IcmpErrorQuote.TryApply(packet, offset, ref meta);
                }
                return result;
            }
            case ProtocolIcmpv6:
            {
                var result = Icmpv6Decoder.Decode(packet, offset, ref meta);
                if (result == DecodeEvent.None && IcmpErrorQuote.IsErrorV6(meta.IcmpType))
                {
                    IcmpErrorQuote.TryApply(packet, offset, ref meta);
                }
                return result;
            }
            case ProtocolIpInIp or ProtocolIpv6 or ProtocolGre when !meta.IsFragment:
                SetOpaquePayload(packet, offset, ref meta);
                if (!Tunnel.TryEnter(ref meta))
                {
                    return DecodeEvent.TunnelTooDeep;
                }
                return protocol switch
                {
                    ProtocolIpInIp => Ipv4Decoder.Decode(packet, offset, ref meta),
                    ProtocolIpv6 => Ipv6Decoder.Decode(packet, offset, ref meta),
                    _ => GreDecoder.Decode(packet, offset, ref meta),
                };
            case ProtocolIpInIp or ProtocolIpv6 or ProtocolGre:
                SetOpaquePayload(packet, offset, ref meta);          // first fragment of a tunnel: outer flow only
                return DecodeEvent.None;
            default:
                SetOpaquePayload(packet, offset, ref meta);          // IGMP, ESP, OSPF, SCTP ...: keyed without ports
                return DecodeEvent.UnsupportedIpProtocol;
        }
    }

    private static void SetOpaquePayload(ReadOnlySpan<byte> packet, int offset, ref PacketMeta meta)
    {
        meta.PayloadOffset = offset;
        meta.PayloadLength = offset < packet.Length ? packet.Length - offset : 0;
    }
}
