using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// IPv4 (RFC 791). The payload is bounded by min(total length, captured): a capture snapped shorter than the
/// total length is normal and not flagged; only a header cut short is an anomaly. Options are skipped after
/// a bounded sanity walk. Non-first fragments are keyed without ports.
/// </summary>
internal static class Ipv4Decoder
{
    public const int MinHeaderLength = 20;
    private const ushort MoreFragments = 0x2000, FragmentOffsetMask = 0x1FFF;
    private const byte OptionEnd = 0, OptionNop = 1;

    public static DecodeEvent Decode(ReadOnlySpan<byte> frame, int offset, ref PacketMeta meta)
    {
        if ((uint)offset > (uint)frame.Length || frame.Length - offset < MinHeaderLength)
        {
            return DecodeEvent.Ipv4TooSmall;
        }
        var ip = frame[offset..];
        if (ip[0] >> 4 != 4)
        {
            return DecodeEvent.Ipv4WrongVersion;
        }
        var headerLength = (ip[0] & 0x0F) * 4;
        if (headerLength < MinHeaderLength)
        {
            return DecodeEvent.Ipv4HeaderLengthTooSmall;
        }
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (totalLength < MinHeaderLength)
        {
            return DecodeEvent.Ipv4TotalLengthTooSmall;
        }
        if (headerLength > totalLength)
        {
            return DecodeEvent.Ipv4HeaderLengthTooBig;
        }
        if (headerLength > ip.Length)
        {
            return DecodeEvent.Ipv4Truncated;                      // options cut by the snap length
        }
        var optionsEvent = headerLength > MinHeaderLength
            ? CheckOptions(ip[MinHeaderLength..headerLength])
            : DecodeEvent.None;

        IpPayloadDecoder.BeginPacket(ref meta, 4, offset, IpAddr.FromIPv4(ip[12..]), IpAddr.FromIPv4(ip[16..]));
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        var fragmentOffset = fragment & FragmentOffsetMask;
        if ((fragment & MoreFragments) != 0 || fragmentOffset != 0)
        {
            meta.IsFragment = true;
            meta.IsNonFirstFragment = fragmentOffset != 0;
            meta.FragmentId = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
            meta.FragmentOffset = fragmentOffset * 8;
            meta.FragmentLength = totalLength - headerLength;
            meta.MoreFragments = (fragment & MoreFragments) != 0;
        }
        var end = offset + Math.Min(totalLength, ip.Length);
        var l4Event = IpPayloadDecoder.Decode(frame[..end], offset + headerLength, totalLength - headerLength, ip[9], ref meta);
        return optionsEvent != DecodeEvent.None ? optionsEvent : l4Event;
    }

    /// <summary>Walks the options (at most 40 bytes, so the loop is bounded): each TLV must fit.</summary>
    private static DecodeEvent CheckOptions(ReadOnlySpan<byte> options)
    {
        var i = 0;
        while (i < options.Length)
        {
            var type = options[i];
            if (type == OptionEnd)
            {
                return DecodeEvent.None;
            }
            if (type == OptionNop)
            {
                i++;
                continue;
            }
            if (i + 1 >= options.Length)
            {
                return DecodeEvent.Ipv4OptionsMalformed;
            }
            var length = options[i + 1];
            if (length < 2 || i + length > options.Length)
            {
                return DecodeEvent.Ipv4OptionsMalformed;
            }
            i += length;
        }
        return DecodeEvent.None;
    }
}
