namespace TrafficWatch.Decode;

/// <summary>
/// ERSPAN inside GRE. Type I (0x88BE without the GRE sequence bit): Ethernet follows GRE directly.
/// Type II (0x88BE with the sequence bit): an 8-byte header (version 1). Type III (0x22EB): a 12-byte header
/// (version 2) plus an 8-byte platform-specific subheader when its O bit is set. The VLAN field of the ERSPAN
/// header is not pushed; VLAN tags still present in the mirrored frame are.
/// </summary>
internal static class ErspanDecoder
{
    public const int TypeTwoHeaderLength = 8, TypeThreeHeaderLength = 12, PlatformSubheaderLength = 8;
    private const int TypeTwoVersion = 1, TypeThreeVersion = 2;
    private const byte OptionalSubheaderBit = 0x01;

    public static DecodeEvent DecodeTypeOneOrTwo(ReadOnlySpan<byte> packet, int offset, bool sequencePresent, ref PacketMeta meta)
    {
        if (!sequencePresent)
        {
            return EthernetDecoder.Decode(packet, offset, ref meta);
        }
        if ((uint)offset > (uint)packet.Length || packet.Length - offset < TypeTwoHeaderLength)
        {
            return DecodeEvent.ErspanTooSmall;
        }
        if (packet[offset] >> 4 != TypeTwoVersion)
        {
            return DecodeEvent.ErspanUnsupportedVersion;
        }
        return EthernetDecoder.Decode(packet, offset + TypeTwoHeaderLength, ref meta);
    }

    public static DecodeEvent DecodeTypeThree(ReadOnlySpan<byte> packet, int offset, ref PacketMeta meta)
    {
        if ((uint)offset > (uint)packet.Length || packet.Length - offset < TypeThreeHeaderLength)
        {
            return DecodeEvent.ErspanTooSmall;
        }
        if (packet[offset] >> 4 != TypeThreeVersion)
        {
            return DecodeEvent.ErspanUnsupportedVersion;
        }
        var headerLength = TypeThreeHeaderLength;
        if ((packet[offset + 11] & OptionalSubheaderBit) != 0)
        {
            headerLength += PlatformSubheaderLength;
            if (packet.Length - offset < headerLength)
            {
                return DecodeEvent.ErspanTooSmall;
            }
        }
        return EthernetDecoder.Decode(packet, offset + headerLength, ref meta);
    }
}
