using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;

namespace TrafficWatch.Tests.Capture;

/// <summary>Valid Ethernet/IPv4 frames built with PacketDotNet (slow path, tests only).</summary>
public static class CaptureTestFrames
{
    private static readonly PhysicalAddress s_srcMac = PhysicalAddress.Parse("02-00-5E-10-00-01");
    private static readonly PhysicalAddress s_dstMac = PhysicalAddress.Parse("02-00-5E-10-00-02");

    public static byte[] Udp(ushort sourcePort, ushort destinationPort, int payloadLength = 8)
    {
        var udp = new UdpPacket(sourcePort, destinationPort) { PayloadData = new byte[payloadLength] };
        return Ethernet(udp, ProtocolType.Udp);
    }

    public static byte[] Tcp(ushort sourcePort, ushort destinationPort)
    {
        var tcp = new TcpPacket(sourcePort, destinationPort) { Synchronize = true, SequenceNumber = 1, WindowSize = 1024 };
        return Ethernet(tcp, ProtocolType.Tcp);
    }

    /// <summary>The IPv4 packet inside a UDP frame (for raw-IP link types).</summary>
    public static byte[] RawIpv4Udp(ushort sourcePort, ushort destinationPort)
        => Udp(sourcePort, destinationPort)[14..];

    private static byte[] Ethernet(TransportPacket transport, ProtocolType protocol)
    {
        var ip = new IPv4Packet(IPAddress.Parse("10.20.0.5"), IPAddress.Parse("10.20.0.9"))
        {
            Protocol = protocol,
            TimeToLive = 64,
            PayloadPacket = transport,
        };
        var eth = new EthernetPacket(s_srcMac, s_dstMac, EthernetType.IPv4) { PayloadPacket = ip };
        eth.UpdateCalculatedValues();
        return eth.Bytes;
    }
}
