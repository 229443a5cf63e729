namespace TrafficWatch.Decode;

/// <summary>ARP (EtherType 0x0806): informational, validated for size only. No flow.</summary>
internal static class ArpDecoder
{
    /// <summary>Hardware type, protocol type, hardware length, protocol length, operation.</summary>
    public const int FixedLength = 8;

    public static DecodeEvent Decode(ReadOnlySpan<byte> frame, int offset, ref PacketMeta meta)
    {
        meta.EtherType = EtherTypes.Arp;
        meta.L3Offset = offset;
        if ((uint)offset > (uint)frame.Length || frame.Length - offset < FixedLength)
        {
            return DecodeEvent.ArpTooSmall;
        }
        var hardwareLength = frame[offset + 4];
        var protocolLength = frame[offset + 5];
        var needed = FixedLength + 2 * (hardwareLength + protocolLength);
        return frame.Length - offset < needed ? DecodeEvent.ArpTooSmall : DecodeEvent.Arp;
    }
}
