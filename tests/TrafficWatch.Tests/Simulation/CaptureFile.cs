using SharpPcap;
using SharpPcap.LibPcap;

namespace TrafficWatch.Tests.Simulation;

/// <summary>Reads a capture with SharpPcap's <see cref="CaptureFileReaderDevice"/> and decodes every record with PacketDotNet.</summary>
public static class CaptureFile
{
    public static List<CapturedPacket> Read(string path)
    {
        var packets = new List<CapturedPacket>();
        using var device = new CaptureFileReaderDevice(path);
        device.Open();
        Assert.Equal(PacketDotNet.LinkLayers.Ethernet, device.LinkType);
        while (device.GetNextPacket(out var capture) == GetPacketStatus.PacketRead)
        {
            var raw = capture.GetPacket();
            var time = new DateTimeOffset(raw.Timeval.Date, TimeSpan.Zero);
            packets.Add(CapturedPacket.Parse(time, raw.Data));
        }
        return packets;
    }
}
