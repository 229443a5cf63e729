using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// UDP (RFC 768): ports and a length sanity check, then VXLAN on destination port 4789.
/// In a first fragment the UDP length covers the whole datagram, so only "below 8" is checked there.
/// </summary>
internal static class UdpDecoder
{
    public const int HeaderLength = 8;
    public const ushort VxlanPort = 4789;
    private const int PortsLength = 4;

    public static DecodeEvent Decode(ReadOnlySpan<byte> packet, int offset, int declaredLength, ref PacketMeta meta)
    {
        var available = (uint)offset > (uint)packet.Length ? 0 : packet.Length - offset;
        if (available < PortsLength)
        {
            meta.HasFlowKey = false;
            return DecodeEvent.UdpTooSmall;
        }
        var udp = packet[offset..];
        meta.SrcPort = BinaryPrimitives.ReadUInt16BigEndian(udp);
        meta.DstPort = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
        if (available < HeaderLength)
        {
            return DecodeEvent.UdpTooSmall;
        }
        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        meta.PayloadOffset = offset + HeaderLength;
        meta.PayloadLength = available - HeaderLength;
        if (udpLength < HeaderLength || (!meta.IsFragment && udpLength > declaredLength))
        {
            return DecodeEvent.UdpLengthInvalid;
        }
        meta.PayloadLength = Math.Min(meta.PayloadLength, udpLength - HeaderLength);
        if (meta.DstPort == VxlanPort && !meta.IsFragment)
        {
            return VxlanDecoder.Decode(packet[..(meta.PayloadOffset + meta.PayloadLength)], meta.PayloadOffset, ref meta);
        }
        return DecodeEvent.None;
    }
}
