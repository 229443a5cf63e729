using System.Buffers.Binary;
using System.Net;

namespace TrafficWatch.Decode;

/// <summary>
/// IP addresses as <see cref="UInt128"/> in network order; IPv4 is stored IPv4-mapped
/// (<c>::ffff:a.b.c.d</c>) so one key type covers both families without allocation.
/// </summary>
public static class IpAddr
{
    private static readonly UInt128 s_v4MappedPrefix = new(0, 0x0000_FFFF_0000_0000UL);
    private static readonly UInt128 s_v4MappedMask = new(ulong.MaxValue, 0xFFFF_FFFF_0000_0000UL);

    public static UInt128 FromIPv4(ReadOnlySpan<byte> four) => s_v4MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(four);

    public static UInt128 FromIPv4(uint hostOrder) => s_v4MappedPrefix | hostOrder;

    public static UInt128 FromIPv6(ReadOnlySpan<byte> sixteen) => BinaryPrimitives.ReadUInt128BigEndian(sixteen);

    public static bool IsIPv4(UInt128 a) => (a & s_v4MappedMask) == s_v4MappedPrefix;

    public static uint ToIPv4(UInt128 a) => (uint)(a & 0xFFFF_FFFFu);

    public static IPAddress ToIPAddress(UInt128 a)
    {
        Span<byte> buf = stackalloc byte[16];
        if (IsIPv4(a))
        {
            BinaryPrimitives.WriteUInt32BigEndian(buf, ToIPv4(a));
            return new IPAddress(buf[..4]);
        }
        BinaryPrimitives.WriteUInt128BigEndian(buf, a);
        return new IPAddress(buf);
    }

    public static UInt128 FromIPAddress(IPAddress address)
    {
        Span<byte> buf = stackalloc byte[16];
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(buf, out _);
            return FromIPv4(buf[..4]);
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return FromIPAddress(address.MapToIPv4());
        }
        address.TryWriteBytes(buf, out _);
        return FromIPv6(buf);
    }

    public static string ToString(UInt128 a) => ToIPAddress(a).ToString();

    public static UInt128 Parse(string text) => FromIPAddress(IPAddress.Parse(text));
}
