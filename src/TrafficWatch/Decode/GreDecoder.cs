using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// GRE version 0 (RFC 2784, with the RFC 2890 key and sequence fields and RFC 1701 routing). The caller
/// (the IP payload dispatch) has already counted the tunnel level. The protocol field picks the inner
/// decoder: IPv4, IPv6, MPLS, transparent Ethernet bridging (0x6558), ERSPAN I/II (0x88BE) or III (0x22EB).
/// </summary>
internal static class GreDecoder
{
    public const int BaseHeaderLength = 4;
    public const int MaxSourceRouteEntries = 16;
    internal const byte ChecksumPresent = 0x80, RoutingPresent = 0x40, KeyPresent = 0x20, SequencePresent = 0x10, AcknowledgementPresent = 0x80;
    private const int OptionalFieldLength = 4, SourceRouteEntryHeaderLength = 4;

    public static DecodeEvent Decode(ReadOnlySpan<byte> packet, int offset, ref PacketMeta meta)
    {
        if ((uint)offset > (uint)packet.Length || packet.Length - offset < BaseHeaderLength)
        {
            return DecodeEvent.GreTooSmall;
        }
        var gre = packet[offset..];
        var flags = gre[0];
        var version = gre[1] & 0x07;
        if (version == 1)
        {
            return DecodeEnhanced(packet, offset, ref meta);
        }
        if (version != 0)
        {
            return DecodeEvent.GreUnsupportedVersion;
        }
        var headerLength = BaseHeaderLength;
        if ((flags & (ChecksumPresent | RoutingPresent)) != 0)
        {
            headerLength += OptionalFieldLength;                    // checksum + offset
        }
        if ((flags & KeyPresent) != 0)
        {
            headerLength += OptionalFieldLength;
        }
        if ((flags & SequencePresent) != 0)
        {
            headerLength += OptionalFieldLength;
        }
        if (gre.Length < headerLength)
        {
            return DecodeEvent.GreTooSmall;
        }
        if ((flags & RoutingPresent) != 0)
        {
            var routed = SkipSourceRoutes(gre, ref headerLength);
            if (routed != DecodeEvent.None)
            {
                return routed;
            }
        }
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(gre[2..]);
        var inner = offset + headerLength;
        meta.EtherType = protocol;
        return protocol switch
        {
            EtherTypes.TransparentEthernetBridging => EthernetDecoder.Decode(packet, inner, ref meta),
            EtherTypes.ErspanTypeOneOrTwo => ErspanDecoder.DecodeTypeOneOrTwo(packet, inner, (flags & SequencePresent) != 0, ref meta),
            EtherTypes.ErspanTypeThree => ErspanDecoder.DecodeTypeThree(packet, inner, ref meta),
            _ => EtherTypeDecoder.Decode(packet, inner, protocol, ref meta),
        };
    }

    /// <summary>
    /// PPTP's enhanced GRE (version 1, RFC 2637): key field (payload length + call id) always present,
    /// optional sequence and acknowledgement numbers, protocol 0x880B carrying PPP.
    /// </summary>
    private static DecodeEvent DecodeEnhanced(ReadOnlySpan<byte> packet, int offset, ref PacketMeta meta)
    {
        var gre = packet[offset..];
        var headerLength = BaseHeaderLength + OptionalFieldLength;  // key
        if ((gre[0] & SequencePresent) != 0)
        {
            headerLength += OptionalFieldLength;
        }
        if ((gre[1] & AcknowledgementPresent) != 0)
        {
            headerLength += OptionalFieldLength;
        }
        if (gre.Length < headerLength)
        {
            return DecodeEvent.GreTooSmall;
        }
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(gre[2..]);
        meta.EtherType = protocol;
        if (protocol != EtherTypes.Ppp)
        {
            return DecodeEvent.GreUnsupportedVersion;
        }
        if (gre.Length == headerLength)
        {
            return DecodeEvent.None;                                // a bare acknowledgement: outer flow only
        }
        return PppDecoder.DecodePpp(packet, offset + headerLength, ref meta);
    }

    /// <summary>RFC 1701 source route entries: bounded walk to the null entry (family 0, length 0).</summary>
    private static DecodeEvent SkipSourceRoutes(ReadOnlySpan<byte> gre, ref int headerLength)
    {
        for (var i = 0; i < MaxSourceRouteEntries; i++)
        {
            if (gre.Length - headerLength < SourceRouteEntryHeaderLength)
            {
                return DecodeEvent.GreTooSmall;
            }
            var family = BinaryPrimitives.ReadUInt16BigEndian(gre[headerLength..]);
            var length = gre[headerLength + 3];
            headerLength += SourceRouteEntryHeaderLength + length;
            if (family == 0 && length == 0)
            {
                return DecodeEvent.None;
            }
        }
        return DecodeEvent.GreTooSmall;
    }
}
