namespace TrafficWatch.Decode;

/// <summary>Raw IP links (LINKTYPE_RAW, IPV4, IPV6 and the BSD DLT_RAW numbers): the version nibble picks the decoder.</summary>
internal static class RawIpDecoder
{
    public static DecodeEvent Decode(ReadOnlySpan<byte> frame, ref PacketMeta meta)
    {
        if (frame.IsEmpty)
        {
            return DecodeEvent.Ipv4TooSmall;
        }
        switch (frame[0] >> 4)
        {
            case 4:
                meta.EtherType = EtherTypes.Ipv4;
                return Ipv4Decoder.Decode(frame, 0, ref meta);
            case 6:
                meta.EtherType = EtherTypes.Ipv6;
                return Ipv6Decoder.Decode(frame, 0, ref meta);
            default:
                return DecodeEvent.RawInvalidIpVersion;
        }
    }
}
