using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using TrafficWatch.Decode;

namespace TrafficWatch.Simulation;

/// <summary>
/// Slow-path frames (everything except the RTP stream) built with PacketDotNet, with checksums computed by it.
/// PacketDotNet 1.4.8 has no constructor for an 802.1Q header, so the 4-byte tag is inserted after the source MAC
/// while the frame is copied out.
/// </summary>
internal sealed class FrameFactory(SimulationContext context)
{
    public const ushort Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;

    private readonly Dictionary<ulong, PhysicalAddress> _macs = [];

    public void EmitTcp(in FrameLink link, SimHost source, SimHost destination, ushort sourcePort, ushort destinationPort,
        uint sequence, uint acknowledgment, ushort flags, ushort window, ReadOnlySpan<byte> payload)
    {
        var tcp = new TcpPacket(sourcePort, destinationPort)
        {
            SequenceNumber = sequence,
            AcknowledgmentNumber = (flags & Ack) != 0 ? acknowledgment : 0,
            Flags = flags,
            WindowSize = window,
        };
        if (!payload.IsEmpty)
        {
            tcp.PayloadData = payload.ToArray();
        }
        var ip = NewIp(source.IPAddress, destination.IPAddress, context.TtlOnLink(source, link), source.NextIpId());
        ip.PayloadPacket = tcp;
        var ethernet = new EthernetPacket(Mac(link.Source), Mac(link.Destination), EthernetType.IPv4) { PayloadPacket = ip };
        ethernet.UpdateCalculatedValues();
        tcp.UpdateTcpChecksum();
        ip.UpdateIPChecksum();
        EmitTagged(ethernet.Bytes, link.Vlan);
    }

    public void EmitUdp(in FrameLink link, SimHost source, SimHost destination, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        context.CountUdpFlow(source.Address, sourcePort, destination.Address, destinationPort, link.Vlan);
        EmitUdp(link, source.IPAddress, destination.IPAddress, context.TtlOnLink(source, link), source.NextIpId(), sourcePort, destinationPort, payload);
    }

    public void EmitUdp(in FrameLink link, IPAddress source, IPAddress destination, byte ttl, ushort ipId,
        ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var udp = new UdpPacket(sourcePort, destinationPort) { PayloadData = payload.ToArray() };
        var ip = NewIp(source, destination, ttl, ipId);
        ip.PayloadPacket = udp;
        var ethernet = new EthernetPacket(Mac(link.Source), Mac(link.Destination), EthernetType.IPv4) { PayloadPacket = ip };
        ethernet.UpdateCalculatedValues();
        udp.UpdateUdpChecksum();
        ip.UpdateIPChecksum();
        EmitTagged(ethernet.Bytes, link.Vlan);
    }

    public void EmitArp(in FrameLink link, ArpOperation operation, MacAddress senderMac, IPAddress senderIp, MacAddress targetMac, IPAddress targetIp)
    {
        var arp = new ArpPacket(operation, Mac(targetMac), targetIp, Mac(senderMac), senderIp);
        var ethernet = new EthernetPacket(Mac(link.Source), Mac(link.Destination), EthernetType.Arp) { PayloadPacket = arp };
        EmitTagged(ethernet.Bytes, link.Vlan);
    }

    private static IPv4Packet NewIp(IPAddress source, IPAddress destination, byte ttl, ushort id)
        => new(source, destination) { TimeToLive = ttl, Id = id, FragmentFlags = 0x2 };

    private PhysicalAddress Mac(MacAddress mac)
    {
        if (!_macs.TryGetValue(mac.Value, out var physical))
        {
            physical = new PhysicalAddress(SimHost.MacBytes(mac));
            _macs.Add(mac.Value, physical);
        }
        return physical;
    }

    private void EmitTagged(byte[] frame, ushort vlan)
    {
        if (vlan == 0)
        {
            context.Emit(frame);
            return;
        }
        var buffer = context.FrameBuffer.AsSpan(0, frame.Length + 4);
        frame.AsSpan(0, 12).CopyTo(buffer);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[12..], 0x8100);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[14..], vlan);
        frame.AsSpan(12).CopyTo(buffer[16..]);
        context.Emit(buffer);
    }
}
