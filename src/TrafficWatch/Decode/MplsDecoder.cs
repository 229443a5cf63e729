using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// MPLS (0x8847/0x8848): walks the label stack to the bottom-of-stack bit, then guesses the payload by its
/// first nibble like Suricata: 4 is IPv4, 6 is IPv6, 0 is a pseudowire control word followed by Ethernet.
/// The label stack counts as one tunnel level.
/// </summary>
internal static class MplsDecoder
{
    public const int LabelLength = 4;
    public const int MaxLabels = 16;
    private const int ControlWordLength = 4;

    public static DecodeEvent Decode(ReadOnlySpan<byte> frame, int offset, ref PacketMeta meta)
    {
        var bottom = false;
        for (var i = 0; i < MaxLabels && !bottom; i++)
        {
            if ((uint)offset > (uint)frame.Length || frame.Length - offset < LabelLength)
            {
                return DecodeEvent.MplsTooSmall;
            }
            bottom = (BinaryPrimitives.ReadUInt32BigEndian(frame[offset..]) & 0x100u) != 0;
            offset += LabelLength;
        }
        if (!bottom)
        {
            return DecodeEvent.MplsTooManyLabels;
        }
        if (offset >= frame.Length)
        {
            return DecodeEvent.MplsTooSmall;
        }
        if (!Tunnel.TryEnter(ref meta))
        {
            return DecodeEvent.TunnelTooDeep;
        }
        switch (frame[offset] >> 4)
        {
            case 4:
                meta.EtherType = EtherTypes.Ipv4;
                return Ipv4Decoder.Decode(frame, offset, ref meta);
            case 6:
                meta.EtherType = EtherTypes.Ipv6;
                return Ipv6Decoder.Decode(frame, offset, ref meta);
            case 0:
                return EthernetDecoder.Decode(frame, offset + ControlWordLength, ref meta);
            default:
                return DecodeEvent.MplsUnknownPayload;
        }
    }
}
