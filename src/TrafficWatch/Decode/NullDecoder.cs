using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// BSD loopback (LINKTYPE_NULL): a 4-byte address family in the capturing host's byte order. The order is
/// unknown to us, so (like Wireshark) a value with its upper half set is read as the other endianness.
/// AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD) or 30 (macOS).
/// </summary>
internal static class NullDecoder
{
    public const int HeaderLength = 4;

    public static DecodeEvent Decode(ReadOnlySpan<byte> frame, ref PacketMeta meta)
    {
        if (frame.Length < HeaderLength)
        {
            return DecodeEvent.NullTooSmall;
        }
        var family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if ((family & 0xFFFF_0000u) != 0)
        {
            family = BinaryPrimitives.ReverseEndianness(family);
        }
        switch (family)
        {
            case 2:
                meta.EtherType = EtherTypes.Ipv4;
                return Ipv4Decoder.Decode(frame, HeaderLength, ref meta);
            case 24 or 28 or 30:
                meta.EtherType = EtherTypes.Ipv6;
                return Ipv6Decoder.Decode(frame, HeaderLength, ref meta);
            default:
                return DecodeEvent.NotIp;
        }
    }
}
