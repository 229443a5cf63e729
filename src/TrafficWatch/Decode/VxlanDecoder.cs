namespace TrafficWatch.Decode;

/// <summary>
/// VXLAN (RFC 7348) on UDP port 4789: an 8-byte header whose I flag marks a valid VNI, then Ethernet.
/// Without the I flag the datagram is left as plain UDP.
/// </summary>
internal static class VxlanDecoder
{
    public const int HeaderLength = 8;
    private const byte ValidVniFlag = 0x08;

    public static DecodeEvent Decode(ReadOnlySpan<byte> packet, int offset, ref PacketMeta meta)
    {
        if ((uint)offset > (uint)packet.Length || packet.Length - offset < HeaderLength)
        {
            return DecodeEvent.VxlanTooSmall;
        }
        if ((packet[offset] & ValidVniFlag) == 0)
        {
            return DecodeEvent.None;
        }
        if (!Tunnel.TryEnter(ref meta))
        {
            return DecodeEvent.TunnelTooDeep;
        }
        return EthernetDecoder.Decode(packet, offset + HeaderLength, ref meta);
    }
}
