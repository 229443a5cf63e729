namespace TrafficWatch.Decode;

/// <summary>Entry point of the decode stage: one frame in, <see cref="PacketMeta"/> filled, one event out.</summary>
/// <remarks>
/// Tunnels: the innermost IP packet makes the flow (addresses, protocol, ports, offsets); the MAC addresses stay
/// those of the outermost Ethernet header; VLAN tags found in inner Ethernet frames are pushed after the outer
/// ones (wire order), so a mirrored trunk keeps its VLAN. When an inner layer is not IP (ARP in VXLAN, say) or
/// is malformed, the outer IP packet stays the flow and the inner event is returned: read
/// <see cref="PacketMeta.HasFlowKey"/>, not the event, to decide whether a packet belongs to a flow.
/// </remarks>
public static class PacketDecoder
{
    /// <summary>
    /// Decodes a frame of the given link type into <paramref name="meta"/>. Never throws; returns
    /// <see cref="DecodeEvent.None"/> or what was found wrong. Allocates nothing.
    /// </summary>
    public static DecodeEvent Decode(LinkType linkType, ReadOnlySpan<byte> frame, ref PacketMeta meta)
    {
        Reset(ref meta);
        return linkType switch
        {
            LinkType.Ethernet => EthernetDecoder.Decode(frame, 0, ref meta),
            LinkType.LinuxSll => SllDecoder.Decode(frame, ref meta),
            LinkType.LinuxSll2 => Sll2Decoder.Decode(frame, ref meta),
            LinkType.Raw or LinkType.Ipv4 or LinkType.Ipv6 or LinkType.RawBsd or LinkType.RawBsd14 => RawIpDecoder.Decode(frame, ref meta),
            LinkType.Null => NullDecoder.Decode(frame, ref meta),
            _ => DecodeEvent.UnsupportedLinkType,
        };
    }

    /// <summary>Clears what the decoders own, so a reused <see cref="PacketMeta"/> carries nothing over.</summary>
    private static void Reset(ref PacketMeta meta)
    {
        meta.SrcMac = default;
        meta.DstMac = default;
        meta.OuterVlan = 0;
        meta.InnerVlan = 0;
        meta.VlanCount = 0;
        meta.EtherType = 0;
        meta.TunnelDepth = 0;
        IpPayloadDecoder.ClearIpFields(ref meta);
        meta.IpVersion = 0;
        meta.L3Offset = 0;
        meta.SrcAddr = UInt128.Zero;
        meta.DstAddr = UInt128.Zero;
        meta.HasFlowKey = false;
        meta.App = null;
    }
}
