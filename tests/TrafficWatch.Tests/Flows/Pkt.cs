using TrafficWatch.Decode;

namespace TrafficWatch.Tests.Flows;

/// <summary>Builds <see cref="PacketMeta"/> values directly (the decoder is not involved). Times are seconds after <see cref="T0"/>.</summary>
internal static class Pkt
{
    public const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;
    public const long T0Seconds = 1_750_000_000;

    public static readonly UInt128 Camera = IpAddr.Parse("10.20.0.17");
    public static readonly UInt128 Nvr = IpAddr.Parse("10.20.0.2");
    public static readonly UInt128 Cloud = IpAddr.Parse("203.0.113.9");
    public static readonly UInt128 V6 = IpAddr.Parse("2001:db8::1");

    public static readonly MacAddress CameraMac = new(0x0011_2233_4455);
    public static readonly MacAddress GatewayMac = new(0x02AA_BBCC_DDEE);

    public static PacketTime At(double seconds) => PacketTime.FromSeconds(T0Seconds).AddSeconds(seconds);

    public static PacketMeta Tcp(double t, UInt128 src, ushort srcPort, UInt128 dst, ushort dstPort, byte flags,
        int wire = 60, int payload = 0, ushort vlan = 0, ushort innerVlan = 0)
    {
        var m = Ip(t, src, dst, 6, wire, vlan, innerVlan);
        m.SrcPort = srcPort;
        m.DstPort = dstPort;
        m.TcpFlags = flags;
        m.PayloadLength = payload;
        return m;
    }

    public static PacketMeta Udp(double t, UInt128 src, ushort srcPort, UInt128 dst, ushort dstPort,
        int wire = 100, ushort vlan = 0, ushort innerVlan = 0)
    {
        var m = Ip(t, src, dst, 17, wire, vlan, innerVlan);
        m.SrcPort = srcPort;
        m.DstPort = dstPort;
        m.PayloadLength = Math.Max(0, wire - 42);
        return m;
    }

    /// <summary>ICMP echo: request type 8, reply type 0; the key's ports are (8 &lt;&lt; 8 | code, id) both ways.</summary>
    public static PacketMeta Echo(double t, UInt128 src, UInt128 dst, bool reply, ushort id = 7, int wire = 98)
    {
        var m = Ip(t, src, dst, 1, wire, 0, 0);
        m.IcmpType = reply ? (byte)0 : (byte)8;
        m.IcmpCode = 0;
        m.SrcPort = 8 << 8;
        m.DstPort = id;
        return m;
    }

    public static PacketMeta Ip(double t, UInt128 src, UInt128 dst, byte protocol, int wire, ushort vlan, ushort innerVlan)
    {
        var m = new PacketMeta
        {
            Timestamp = At(t),
            WireLength = wire,
            CapturedLength = Math.Min(wire, 96),
            LinkType = LinkType.Ethernet,
            SrcMac = src == Camera ? CameraMac : GatewayMac,
            DstMac = src == Camera ? GatewayMac : CameraMac,
            EtherType = 0x0800,
            IpVersion = (byte)(IpAddr.IsIPv4(src) ? 4 : 6),
            SrcAddr = src,
            DstAddr = dst,
            Protocol = protocol,
            HasFlowKey = true,
            L4Offset = 34,
        };
        if (vlan != 0)
        {
            m.TryPushVlan(vlan);
        }
        if (innerVlan != 0)
        {
            m.TryPushVlan(innerVlan);
        }
        return m;
    }

    public static PacketMeta Reply(in PacketMeta request, double t, byte flags = 0, int wire = 60, int payload = 0)
    {
        var m = request;
        m.Timestamp = At(t);
        (m.SrcAddr, m.DstAddr) = (request.DstAddr, request.SrcAddr);
        (m.SrcPort, m.DstPort) = (request.DstPort, request.SrcPort);
        (m.SrcMac, m.DstMac) = (request.DstMac, request.SrcMac);
        m.TcpFlags = flags;
        m.WireLength = wire;
        m.PayloadLength = payload;
        return m;
    }
}
