using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// ICMPv6 (RFC 4443). Same port convention as <see cref="IcmpDecoder"/>; echo reply 129 maps to request 128
/// and echo messages put their identifier in <see cref="PacketMeta.DstPort"/>. The payload starts after the
/// 4-byte type/code/checksum header (so neighbour discovery bodies start at <see cref="PacketMeta.PayloadOffset"/>).
/// </summary>
internal static class Icmpv6Decoder
{
    public const int HeaderLength = 4;
    private const int TypeCodeLength = 2, EchoHeaderLength = 8;
    private const byte EchoRequest = 128, EchoReply = 129;

    public static DecodeEvent Decode(ReadOnlySpan<byte> packet, int offset, ref PacketMeta meta)
    {
        var available = (uint)offset > (uint)packet.Length ? 0 : packet.Length - offset;
        if (available < TypeCodeLength)
        {
            meta.HasFlowKey = false;
            return DecodeEvent.Icmpv6TooSmall;
        }
        var icmp = packet[offset..];
        var type = icmp[0];
        meta.IcmpType = type;
        meta.IcmpCode = icmp[1];
        meta.SrcPort = (ushort)(((type == EchoReply ? EchoRequest : type) << 8) | icmp[1]);
        var echo = type is EchoRequest or EchoReply;
        if (echo)
        {
            if (available < 6)
            {
                meta.HasFlowKey = false;
                return DecodeEvent.Icmpv6TooSmall;
            }
            meta.DstPort = BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]);
        }
        if (available < (echo ? EchoHeaderLength : HeaderLength))
        {
            return DecodeEvent.Icmpv6TooSmall;
        }
        meta.PayloadOffset = offset + HeaderLength;
        meta.PayloadLength = available - HeaderLength;
        return DecodeEvent.None;
    }
}
