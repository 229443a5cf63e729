using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// IPv6 (RFC 8200): fixed header, then a bounded walk over extension headers (hop-by-hop, routing, fragment,
/// destination options, AH, mobility). The fragment header sets the fragment fields (32-bit identification).
/// A payload length of 0 (jumbogram or offloaded capture) means "up to what was captured".
/// </summary>
internal static class Ipv6Decoder
{
    public const int HeaderLength = 40;
    public const int MaxExtensionHeaders = 8;
    private const byte HopByHop = 0, Routing = 43, Fragment = 44, DestinationOptions = 60, Authentication = 51, Mobility = 135;
    private const int FragmentHeaderLength = 8;

    public static DecodeEvent Decode(ReadOnlySpan<byte> frame, int offset, ref PacketMeta meta)
    {
        if ((uint)offset > (uint)frame.Length || frame.Length - offset < HeaderLength)
        {
            return DecodeEvent.Ipv6TooSmall;
        }
        var ip = frame[offset..];
        if (ip[0] >> 4 != 6)
        {
            return DecodeEvent.Ipv6WrongVersion;
        }
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        var declaredEnd = payloadLength == 0 ? frame.Length : offset + HeaderLength + payloadLength;
        var packet = frame[..Math.Min(declaredEnd, frame.Length)];

        var nextHeader = ip[6];
        var cursor = offset + HeaderLength;
        var isFragment = false;
        var isNonFirstFragment = false;
        uint fragmentId = 0;
        int fragmentOffsetBytes = 0, fragmentDataStart = 0;
        var moreFragments = false;
        for (var count = 0; IsExtensionHeader(nextHeader); count++)
        {
            if (count >= MaxExtensionHeaders)
            {
                return DecodeEvent.Ipv6TooManyExtensionHeaders;
            }
            if (packet.Length - cursor < 2)
            {
                return DecodeEvent.Ipv6ExtensionHeaderTruncated;
            }
            var length = nextHeader switch
            {
                Fragment => FragmentHeaderLength,
                Authentication => (packet[cursor + 1] + 2) * 4,
                _ => (packet[cursor + 1] + 1) * 8,
            };
            if (packet.Length - cursor < length)
            {
                return DecodeEvent.Ipv6ExtensionHeaderTruncated;
            }
            var following = packet[cursor];
            if (nextHeader == Fragment)
            {
                var field = BinaryPrimitives.ReadUInt16BigEndian(packet[(cursor + 2)..]);
                var fragmentOffset = field >> 3;
                if (fragmentOffset != 0 || (field & 1) != 0)          // an atomic fragment (0, M=0) is a whole packet
                {
                    isFragment = true;
                    isNonFirstFragment = fragmentOffset != 0;
                    fragmentId = BinaryPrimitives.ReadUInt32BigEndian(packet[(cursor + 4)..]);
                    fragmentOffsetBytes = fragmentOffset * 8;
                    fragmentDataStart = cursor + FragmentHeaderLength;
                    moreFragments = (field & 1) != 0;
                }
            }
            nextHeader = following;
            cursor += length;
            if (isNonFirstFragment)
            {
                break;                                             // what follows is fragment data, not a header
            }
        }

        IpPayloadDecoder.BeginPacket(ref meta, 6, offset, IpAddr.FromIPv6(ip[8..]), IpAddr.FromIPv6(ip[24..]));
        meta.IsFragment = isFragment;
        meta.IsNonFirstFragment = isNonFirstFragment;
        meta.FragmentId = fragmentId;
        if (isFragment)
        {
            meta.FragmentOffset = fragmentOffsetBytes;
            meta.FragmentLength = Math.Max(0, declaredEnd - fragmentDataStart);
            meta.MoreFragments = moreFragments;
        }
        return IpPayloadDecoder.Decode(packet, cursor, declaredEnd - cursor, nextHeader, ref meta);
    }

    private static bool IsExtensionHeader(byte nextHeader)
        => nextHeader is HopByHop or Routing or Fragment or DestinationOptions or Authentication or Mobility;
}
