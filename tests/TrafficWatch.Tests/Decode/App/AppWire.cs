using System.Buffers.Binary;
using System.Text;

namespace TrafficWatch.Tests.Decode.App;

/// <summary>Builders for hand-made DNS and DHCP wire messages.</summary>
internal static class AppWire
{
    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(static p => p)];

    public static byte[] Be16(int value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value);
        return b;
    }

    public static byte[] Be32(uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        return b;
    }

    public static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Wire name from dot-free labels, root-terminated.</summary>
    public static byte[] Name(params string[] labels) => Concat(Labels(labels), [0]);

    /// <summary>Labels without the root terminator (to be followed by a pointer).</summary>
    public static byte[] Labels(params string[] labels)
        => Concat([.. labels.Select(static l => Concat([(byte)Ascii(l).Length], Ascii(l)))]);

    public static byte[] Label(byte[] raw) => Concat([(byte)raw.Length], raw);

    public static byte[] Pointer(int offset) => [(byte)(0xC0 | (offset >> 8)), (byte)offset];

    public static byte[] DnsHeader(int id, int flags, int qd, int an, int ns = 0, int ar = 0)
        => Concat(Be16(id), Be16(flags), Be16(qd), Be16(an), Be16(ns), Be16(ar));

    public static byte[] Question(byte[] name, int type, int qclass = 1) => Concat(name, Be16(type), Be16(qclass));

    public static byte[] Record(byte[] name, int type, byte[] rdata, uint ttl = 300, int rclass = 1)
        => Concat(name, Be16(type), Be16(rclass), Be32(ttl), Be16(rdata.Length), rdata);

    public static byte[] Ipv4(string text) => System.Net.IPAddress.Parse(text).GetAddressBytes();

    public static byte[] Mac(string text) => [.. text.Split(':').Select(static h => Convert.ToByte(h, 16))];

    public static byte[] Option(byte code, byte[] value) => Concat([code, (byte)value.Length], value);

    /// <summary>A BOOTP header (236 bytes), the magic cookie, then <paramref name="options"/> as given.</summary>
    public static byte[] Dhcp(byte[] options, byte op = 1, uint xid = 0x12345678, string mac = "00:11:22:33:44:55",
        string ciaddr = "0.0.0.0", string yiaddr = "0.0.0.0", string siaddr = "0.0.0.0", string giaddr = "0.0.0.0",
        byte hlen = 6, byte[]? sname = null, byte[]? file = null, bool cookie = true)
    {
        var header = new byte[236];
        header[0] = op;
        header[1] = 1;
        header[2] = hlen;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), xid);
        header[10] = 0x80;
        Ipv4(ciaddr).CopyTo(header, 12);
        Ipv4(yiaddr).CopyTo(header, 16);
        Ipv4(siaddr).CopyTo(header, 20);
        Ipv4(giaddr).CopyTo(header, 24);
        Mac(mac).CopyTo(header, 28);
        sname?.CopyTo(header, 44);
        file?.CopyTo(header, 108);
        return Concat(header, cookie ? [99, 130, 83, 99] : [], options);
    }

    public static byte[] V6Option(int code, byte[] value) => Concat(Be16(code), Be16(value.Length), value);

    public static byte[] V6Message(int type, int xid, params byte[][] options)
        => Concat([(byte)type, (byte)(xid >> 16), (byte)(xid >> 8), (byte)xid], Concat(options));

    public static byte[] V6Relay(int type, byte hops, string link, string peer, params byte[][] options)
        => Concat([(byte)type, hops], System.Net.IPAddress.Parse(link).GetAddressBytes(),
            System.Net.IPAddress.Parse(peer).GetAddressBytes(), Concat(options));
}
