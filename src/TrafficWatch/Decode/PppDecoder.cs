using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// PPP as carried by PPPoE sessions (EtherType 0x8864, RFC 2516) and by PPTP's enhanced GRE (version 1,
/// protocol 0x880B, RFC 2637). Only IPv4 (0x0021) and IPv6 (0x0057) payloads are opened; LCP, IPCP and the
/// rest are control traffic without a flow.
/// </summary>
internal static class PppDecoder
{
    public const int PppoeHeaderLength = 6;
    private const ushort PppIpv4 = 0x0021, PppIpv6 = 0x0057;

    /// <summary>PPPoE session header (version/type, code, session id, length) followed by PPP.</summary>
    public static DecodeEvent DecodePppoe(ReadOnlySpan<byte> frame, int offset, ref PacketMeta meta)
    {
        if ((uint)offset > (uint)frame.Length || frame.Length - offset < PppoeHeaderLength + 2)
        {
            return DecodeEvent.PppTooSmall;
        }
        return DecodePpp(frame, offset + PppoeHeaderLength, ref meta);
    }

    /// <summary>A PPP frame: optional address/control (0xFF 0x03), then a 1- or 2-byte protocol field.</summary>
    public static DecodeEvent DecodePpp(ReadOnlySpan<byte> frame, int offset, ref PacketMeta meta)
    {
        if ((uint)offset > (uint)frame.Length || frame.Length - offset < 2)
        {
            return DecodeEvent.PppTooSmall;
        }
        if (frame[offset] == 0xFF && frame[offset + 1] == 0x03)
        {
            offset += 2;
            if (frame.Length - offset < 1)
            {
                return DecodeEvent.PppTooSmall;
            }
        }
        ushort protocol;
        if ((frame[offset] & 0x01) != 0)
        {
            protocol = frame[offset];                               // protocol-field compression
            offset += 1;
        }
        else
        {
            if (frame.Length - offset < 2)
            {
                return DecodeEvent.PppTooSmall;
            }
            protocol = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
            offset += 2;
        }
        return protocol switch
        {
            PppIpv4 => Ipv4Decoder.Decode(frame, offset, ref meta),
            PppIpv6 => Ipv6Decoder.Decode(frame, offset, ref meta),
            _ => DecodeEvent.NotIp,
        };
    }
}
