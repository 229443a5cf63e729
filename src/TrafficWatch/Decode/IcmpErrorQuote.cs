using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// ICMP error messages (destination unreachable, time exceeded, parameter problem, source quench,
/// redirect; ICMPv6 types 1-4) quote the header of the packet that caused them. Like tshark's
/// conversation tables (innermost IP header) and like Suricata (which ties ICMP errors to the
/// original flow), such a packet is counted in the TCP/UDP flow of the quoted packet, in the quoted
/// packet's direction. Quotes of anything else leave the packet as an ICMP flow.
/// </summary>
internal static class IcmpErrorQuote
{
    private const int QuoteOffset = 8;          // ICMP header (type, code, checksum, unused/MTU/pointer)
    private const byte Tcp = 6, Udp = 17;

    public static bool IsErrorV4(byte type) => type is 3 or 4 or 5 or 11 or 12;

    public static bool IsErrorV6(byte type) => type is >= 1 and <= 4;

    /// <summary>Re-keys <paramref name="meta"/> to the quoted TCP/UDP packet when the quote is readable.</summary>
    public static void TryApply(ReadOnlySpan<byte> packet, int icmpOffset, ref PacketMeta meta)
    {
        var start = icmpOffset + QuoteOffset;
        if ((uint)start >= (uint)packet.Length)
        {
            return;
        }
        var quote = packet[start..];
        var version = quote[0] >> 4;
        UInt128 src, dst;
        byte protocol;
        int l4;
        if (version == 4)
        {
            var ihl = (quote[0] & 0x0F) * 4;
            if (ihl < 20 || quote.Length < ihl + 4)
            {
                return;
            }
            var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(quote[6..]) & 0x1FFF;
            if (fragmentOffset != 0)
            {
                return;                                     // a non-first fragment carries no ports
            }
            protocol = quote[9];
            src = IpAddr.FromIPv4(quote.Slice(12, 4));
            dst = IpAddr.FromIPv4(quote.Slice(16, 4));
            l4 = ihl;
        }
        else if (version == 6)
        {
            if (quote.Length < 40 + 4)
            {
                return;
            }
            protocol = quote[6];
            src = IpAddr.FromIPv6(quote.Slice(8, 16));
            dst = IpAddr.FromIPv6(quote.Slice(24, 16));
            l4 = 40;
        }
        else
        {
            return;
        }
        if (protocol is not (Tcp or Udp))
        {
            return;
        }
        meta.SrcAddr = src;
        meta.DstAddr = dst;
        meta.Protocol = protocol;
        meta.SrcPort = BinaryPrimitives.ReadUInt16BigEndian(quote[l4..]);
        meta.DstPort = BinaryPrimitives.ReadUInt16BigEndian(quote[(l4 + 2)..]);
        meta.TcpFlags = 0;                                  // never moves the quoted flow's TCP state
        meta.IsIcmpErrorQuote = true;
        meta.PayloadOffset = 0;                             // no application data to inspect
        meta.PayloadLength = 0;
    }
}
