using System.Net;
using PacketDotNet;
using TrafficWatch.Decode;

namespace TrafficWatch.Tests.Simulation;

/// <summary>One record of a simulated capture, decoded by PacketDotNet.</summary>
public sealed class CapturedPacket
{
    public required DateTimeOffset Time { get; init; }
    public required byte[] Data { get; init; }
    public required EthernetPacket Ethernet { get; init; }
    public required ushort Vlan { get; init; }
    public IPv4Packet? Ip { get; init; }
    public TcpPacket? Tcp { get; init; }
    public UdpPacket? Udp { get; init; }

    public MacAddress SourceMac => MacAddress.Read(Data.AsSpan(6, 6));

    public IPAddress? Source => Ip?.SourceAddress;

    public IPAddress? Destination => Ip?.DestinationAddress;

    /// <summary>TCP payload sliced from the raw frame (PacketDotNet may turn some payloads into child packets).</summary>
    public byte[] TcpPayload => Tcp is null ? [] : Data.AsSpan(TransportOffset + Tcp.DataOffset * 4, IpPayloadLength - Tcp.DataOffset * 4).ToArray();

    /// <summary>UDP payload sliced from the raw frame (PacketDotNet parses DHCP into a child packet).</summary>
    public byte[] UdpPayload => Udp is null ? [] : Data.AsSpan(TransportOffset + 8, IpPayloadLength - 8).ToArray();

    private int TransportOffset => (Vlan == 0 ? 14 : 18) + Ip!.HeaderLength * 4;

    private int IpPayloadLength => Ip!.TotalLength - Ip.HeaderLength * 4;

    public bool IsSyn => Tcp is { Synchronize: true, Acknowledgment: false };

    public static CapturedPacket Parse(DateTimeOffset time, byte[] data)
    {
        var ethernet = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, data);
        var vlan = ethernet.Extract<Ieee8021QPacket>() is { } tag ? (ushort)tag.VlanIdentifier : (ushort)0;
        return new CapturedPacket
        {
            Time = time,
            Data = data,
            Ethernet = ethernet,
            Vlan = vlan,
            Ip = ethernet.Extract<IPv4Packet>(),
            Tcp = ethernet.Extract<TcpPacket>(),
            Udp = ethernet.Extract<UdpPacket>(),
        };
    }
}
