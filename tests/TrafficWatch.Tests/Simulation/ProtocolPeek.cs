using System.Buffers.Binary;
using System.Text;

namespace TrafficWatch.Tests.Simulation;

/// <summary>A few lines of independent parsing (not the engine's decoders) to check what the simulator wrote.</summary>
public static class ProtocolPeek
{
    /// <summary>The SNI of a TLS ClientHello at the start of <paramref name="payload"/>, or null.</summary>
    public static string? ClientHelloServerName(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 43 || payload[0] != 0x16 || payload[5] != 0x01)
        {
            return null;
        }
        var p = 9 + 2 + 32;
        p += 1 + payload[p];
        p += 2 + BinaryPrimitives.ReadUInt16BigEndian(payload[p..]);
        p += 1 + payload[p];
        var end = p + 2 + BinaryPrimitives.ReadUInt16BigEndian(payload[p..]);
        p += 2;
        while (p + 4 <= end)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(payload[p..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(payload[(p + 2)..]);
            if (type == 0)
            {
                var nameLength = BinaryPrimitives.ReadUInt16BigEndian(payload[(p + 7)..]);
                return Encoding.ASCII.GetString(payload.Slice(p + 9, nameLength));
            }
            p += 4 + length;
        }
        return null;
    }

    /// <summary>The question name of a DNS message, or null.</summary>
    public static string? DnsQuestion(ReadOnlySpan<byte> message, out bool isResponse)
    {
        isResponse = message.Length > 2 && (message[2] & 0x80) != 0;
        if (message.Length < 13 || BinaryPrimitives.ReadUInt16BigEndian(message[4..]) != 1)
        {
            return null;
        }
        var labels = new List<string>();
        var p = 12;
        while (p < message.Length && message[p] != 0)
        {
            labels.Add(Encoding.ASCII.GetString(message.Slice(p + 1, message[p])));
            p += 1 + message[p];
        }
        return string.Join('.', labels);
    }

    /// <summary>The DHCP message type (option 53) of a BOOTP payload, or 0.</summary>
    public static byte DhcpMessageType(ReadOnlySpan<byte> payload)
    {
        var p = 240;
        while (p + 2 <= payload.Length && payload[p] != 255)
        {
            if (payload[p] == 0)
            {
                p++;
                continue;
            }
            if (payload[p] == 53)
            {
                return payload[p + 2];
            }
            p += 2 + payload[p + 1];
        }
        return 0;
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(string text)
    {
        var counts = new int[128];
        foreach (var c in text)
        {
            counts[c & 0x7F]++;
        }
        var h = 0.0;
        foreach (var n in counts)
        {
            if (n > 0)
            {
                var f = (double)n / text.Length;
                h -= f * Math.Log2(f);
            }
        }
        return h;
    }
}
