using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// TCP (RFC 9293): ports, flags, data offset. A header cut by the snap length keeps its flow key as long as
/// the ports were readable (a snaplen artefact, not a different flow).
/// </summary>
internal static class TcpDecoder
{
    public const int MinHeaderLength = 20;
    private const int PortsLength = 4, FlagsOffset = 13;

    /// <param name="packet">Frame clipped to the captured end of the IP packet.</param>
    /// <param name="offset">Start of the TCP header.</param>
    /// <param name="declaredLength">Segment length as the IP header states it.</param>
    /// <param name="meta">The packet being filled.</param>
    public static DecodeEvent Decode(ReadOnlySpan<byte> packet, int offset, int declaredLength, ref PacketMeta meta)
    {
        var available = (uint)offset > (uint)packet.Length ? 0 : packet.Length - offset;
        if (available < PortsLength)
        {
            meta.HasFlowKey = false;
            return DecodeEvent.TcpTooSmall;
        }
        var tcp = packet[offset..];
        meta.SrcPort = BinaryPrimitives.ReadUInt16BigEndian(tcp);
        meta.DstPort = BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]);
        if (available > FlagsOffset)
        {
            meta.TcpFlags = tcp[FlagsOffset];
        }
        if (available < MinHeaderLength)
        {
            return DecodeEvent.TcpTooSmall;
        }
        var headerLength = (tcp[12] >> 4) * 4;
        if (headerLength < MinHeaderLength)
        {
            return DecodeEvent.TcpHeaderLengthTooSmall;
        }
        if (headerLength > declaredLength)
        {
            return DecodeEvent.TcpHeaderLengthTooBig;
        }
        if (headerLength > available)
        {
            return DecodeEvent.TcpTooSmall;                          // options cut by the snap length
        }
        meta.PayloadOffset = offset + headerLength;
        meta.PayloadLength = available - headerLength;
        return DecodeEvent.None;
    }
}
