using System.Buffers.Binary;

namespace TrafficWatch.Simulation;

/// <summary>
/// Hot-path TCP/IPv4 frames written straight into a buffer with <see cref="BinaryPrimitives"/>: the caller places the
/// payload at <see cref="PayloadOffset"/> and passes its unfolded checksum sum, so no byte is read twice.
/// </summary>
internal static class RawTcpFrame
{
    public static int PayloadOffset(in FrameLink link) => link.EthernetHeaderLength + 40;

    /// <summary>Writes Ethernet (+802.1Q), IPv4 and TCP headers in front of the payload; returns the frame length.</summary>
    public static int WriteHeaders(Span<byte> frame, in FrameLink link, uint sourceIp, uint destinationIp, byte ttl, ushort ipId,
        ushort sourcePort, ushort destinationPort, uint sequence, uint acknowledgment, byte flags, ushort window,
        int payloadLength, ulong payloadSum)
    {
        link.Destination.WriteTo(frame);
        link.Source.WriteTo(frame[6..]);
        var offset = 12;
        if (link.Vlan != 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x8100);
            BinaryPrimitives.WriteUInt16BigEndian(frame[14..], link.Vlan);
            offset = 16;
        }
        BinaryPrimitives.WriteUInt16BigEndian(frame[offset..], 0x0800);
        var ip = frame.Slice(offset + 2, 20);
        var tcpLength = 20 + payloadLength;
        ip[0] = 0x45;
        ip[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + tcpLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], ipId);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000);
        ip[8] = ttl;
        ip[9] = 6;
        ip[10] = 0;
        ip[11] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], sourceIp);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destinationIp);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Finish(InternetChecksum.Sum(ip)));

        var tcp = frame.Slice(offset + 22, 20);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], acknowledgment);
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], window);
        tcp[16] = 0;
        tcp[17] = 0;
        tcp[18] = 0;
        tcp[19] = 0;
        var sum = payloadSum + InternetChecksum.Sum(tcp)
            + (sourceIp >> 16) + (sourceIp & 0xFFFF) + (destinationIp >> 16) + (destinationIp & 0xFFFF) + 6u + (uint)tcpLength;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], InternetChecksum.Finish(sum));
        return offset + 42 + payloadLength;
    }
}
