using System.Buffers.Binary;
using System.Net;
using TrafficWatch.Decode;

namespace TrafficWatch.Tests.Decode;

/// <summary>Hand-built frames for decoder tests: every header written byte by byte, no checksums.</summary>
internal static class TestFrames
{
    public static readonly byte[] DstMac = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55];
    public static readonly byte[] SrcMac = [0x02, 0x00, 0x5e, 0x10, 0x00, 0x01];

    public static byte[] Concat(params byte[][] parts)
    {
        var length = 0;
        foreach (var p in parts)
        {
            length += p.Length;
        }
        var result = new byte[length];
        var offset = 0;
        foreach (var p in parts)
        {
            p.CopyTo(result, offset);
            offset += p.Length;
        }
        return result;
    }

    public static byte[] Be16(int value) => [(byte)(value >> 8), (byte)value];

    public static byte[] Ethernet(ushort etherType, params byte[][] payload)
        => Concat(DstMac, SrcMac, Be16(etherType), Concat(payload));

    public static byte[] VlanTag(ushort vlanId, ushort nextType) => Concat(Be16(vlanId), Be16(nextType));

    public static byte[] Ipv4(byte protocol, string src, string dst, byte[] payload, byte[]? options = null,
        ushort id = 0x1234, ushort flagsAndOffset = 0, int? totalLength = null)
    {
        options ??= [];
        var header = new byte[20 + options.Length];
        header[0] = (byte)(0x40 | (header.Length / 4));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(totalLength ?? header.Length + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), flagsAndOffset);
        header[8] = 64;
        header[9] = protocol;
        IPAddress.Parse(src).GetAddressBytes().CopyTo(header, 12);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(header, 16);
        options.CopyTo(header, 20);
        return Concat(header, payload);
    }

    public static byte[] Ipv6(byte nextHeader, string src, string dst, byte[] payload, int? payloadLength = null)
    {
        var header = new byte[40];
        header[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(payloadLength ?? payload.Length));
        header[6] = nextHeader;
        header[7] = 64;
        IPAddress.Parse(src).GetAddressBytes().CopyTo(header, 8);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(header, 24);
        return Concat(header, payload);
    }

    /// <summary>An 8-byte-unit extension header (hop-by-hop, destination options, routing) padded to 8 bytes.</summary>
    public static byte[] Ipv6Options(byte nextHeader)
        => [nextHeader, 0, 1, 4, 0, 0, 0, 0];

    public static byte[] Ipv6Fragment(byte nextHeader, ushort offsetUnits, bool more, uint id)
    {
        var header = new byte[8];
        header[0] = nextHeader;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)((offsetUnits << 3) | (more ? 1 : 0)));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), id);
        return header;
    }

    public static byte[] Tcp(ushort srcPort, ushort dstPort, byte flags, byte[]? payload = null, int dataOffsetWords = 5)
    {
        var header = new byte[Math.Max(20, dataOffsetWords * 4)];
        BinaryPrimitives.WriteUInt16BigEndian(header, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), dstPort);
        header[12] = (byte)(dataOffsetWords << 4);
        header[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), 65535);
        return Concat(header, payload ?? []);
    }

    public static byte[] Udp(ushort srcPort, ushort dstPort, byte[]? payload = null, int? length = null)
    {
        payload ??= [];
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(header, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), dstPort);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(length ?? 8 + payload.Length));
        return Concat(header, payload);
    }

    public static byte[] Icmp(byte type, byte code, ushort id = 0, ushort sequence = 0, byte[]? payload = null)
    {
        var header = new byte[8];
        header[0] = type;
        header[1] = code;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), sequence);
        return Concat(header, payload ?? []);
    }

    /// <summary>GRE with the given flag byte; optional fields are zero-filled in RFC order (checksum, key, sequence).</summary>
    public static byte[] Gre(ushort protocol, bool checksum = false, bool key = false, bool sequence = false)
    {
        var flags = (byte)((checksum ? 0x80 : 0) | (key ? 0x20 : 0) | (sequence ? 0x10 : 0));
        var length = 4 + (checksum ? 4 : 0) + (key ? 4 : 0) + (sequence ? 4 : 0);
        var header = new byte[length];
        header[0] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), protocol);
        return header;
    }

    public static byte[] ErspanTypeTwo(ushort sessionId = 7)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(header, 0x1000 | 20);   // version 1, VLAN 20
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), sessionId);
        return header;
    }

    public static byte[] ErspanTypeThree(bool platformSubheader)
    {
        var header = new byte[12 + (platformSubheader ? 8 : 0)];
        BinaryPrimitives.WriteUInt16BigEndian(header, 0x2000 | 20);   // version 2, VLAN 20
        header[11] = (byte)(platformSubheader ? 0x01 : 0x00);
        return header;
    }

    public static byte[] Vxlan(uint vni, bool validFlag = true)
    {
        var header = new byte[8];
        header[0] = (byte)(validFlag ? 0x08 : 0x00);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), vni << 8);
        return header;
    }

    public static byte[] MplsLabel(uint label, bool bottom, byte ttl = 64)
    {
        var value = (label << 12) | (bottom ? 0x100u : 0u) | ttl;
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>A complete inner TCP/IPv4 packet 192.168.20.5:49152 → 203.0.113.9:443 SYN.</summary>
    public static byte[] InnerTcp4() => Ipv4(6, "192.168.20.5", "203.0.113.9", Tcp(49152, 443, 0x02));

    public static byte[] InnerTcp6() => Ipv6(6, "2001:db8::5", "2001:db8::9", Tcp(49153, 8443, 0x02));

    public static (DecodeEvent Event, PacketMeta Meta) Run(LinkType linkType, byte[] frame)
    {
        var meta = default(PacketMeta);
        meta.CapturedLength = frame.Length;
        meta.WireLength = frame.Length;
        meta.LinkType = linkType;
        var result = PacketDecoder.Decode(linkType, frame, ref meta);
        return (result, meta);
    }

    public static (DecodeEvent Event, PacketMeta Meta) RunEthernet(byte[] frame) => Run(LinkType.Ethernet, frame);

    public static UInt128 Ip(string text) => IpAddr.Parse(text);
}
