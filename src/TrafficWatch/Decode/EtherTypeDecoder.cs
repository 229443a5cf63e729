namespace TrafficWatch.Decode;

/// <summary>
/// Dispatches on an EtherType once a link header is consumed (Ethernet, SLL, SLL2, GRE): walks VLAN tags,
/// then hands the rest to IPv4, IPv6, ARP or MPLS. Anything else is <see cref="DecodeEvent.NotIp"/>.
/// </summary>
internal static class EtherTypeDecoder
{
    public static DecodeEvent Decode(ReadOnlySpan<byte> frame, int offset, ushort etherType, ref PacketMeta meta)
    {
        if (VlanDecoder.IsVlanTpid(etherType))
        {
            var vlanEvent = VlanDecoder.Walk(frame, ref offset, ref etherType, ref meta);
            if (vlanEvent != DecodeEvent.None)
            {
                return vlanEvent;
            }
        }
        meta.EtherType = etherType;
        return etherType switch
        {
            EtherTypes.Ipv4 => Ipv4Decoder.Decode(frame, offset, ref meta),
            EtherTypes.Ipv6 => Ipv6Decoder.Decode(frame, offset, ref meta),
            EtherTypes.Arp => ArpDecoder.Decode(frame, offset, ref meta),
            EtherTypes.MplsUnicast or EtherTypes.MplsMulticast => MplsDecoder.Decode(frame, offset, ref meta),
            EtherTypes.PppoeSession => PppDecoder.DecodePppoe(frame, offset, ref meta),
            _ => DecodeEvent.NotIp,                                  // LLDP, EAPoL, STP ...: counted, not an error
        };
    }
}
