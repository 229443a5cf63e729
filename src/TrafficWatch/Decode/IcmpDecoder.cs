using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// ICMPv4 (RFC 792). Fills type/code and the port convention of <see cref="PacketMeta.SrcPort"/>:
/// SrcPort = (type &lt;&lt; 8) | code with replies mapped to their request type (0→8, 14→13, 16→15, 18→17),
/// DstPort = identifier for echo-like messages, so a request and its reply share one flow.
/// </summary>
internal static class IcmpDecoder
{
    public const int HeaderLength = 8;
    private const int TypeCodeLength = 2, IdentifierEnd = 6;

    public static DecodeEvent Decode(ReadOnlySpan<byte> packet, int offset, ref PacketMeta meta)
    {
        var available = (uint)offset > (uint)packet.Length ? 0 : packet.Length - offset;
        if (available < TypeCodeLength)
        {
            meta.HasFlowKey = false;
            return DecodeEvent.IcmpTooSmall;
        }
        var icmp = packet[offset..];
        var type = icmp[0];
        meta.IcmpType = type;
        meta.IcmpCode = icmp[1];
        meta.SrcPort = (ushort)((NormaliseType(type) << 8) | icmp[1]);
        var echoLike = IsEchoLike(type);
        if (echoLike && available >= IdentifierEnd)
        {
            meta.DstPort = BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]);
        }
        if (available < HeaderLength)
        {
            if (echoLike && available < IdentifierEnd)
            {
                meta.HasFlowKey = false;                            // identifier unreadable: the flow is unknown
            }
            return DecodeEvent.IcmpTooSmall;
        }
        meta.PayloadOffset = offset + HeaderLength;
        meta.PayloadLength = available - HeaderLength;
        return DecodeEvent.None;
    }

    /// <summary>Echo, timestamp, information and address-mask requests and replies carry an identifier.</summary>
    public static bool IsEchoLike(byte type) => type is 0 or 8 or 13 or 14 or 15 or 16 or 17 or 18;

    public static byte NormaliseType(byte type) => type switch
    {
        0 => 8,
        14 => 13,
        16 => 15,
        18 => 17,
        _ => type,
    };
}
