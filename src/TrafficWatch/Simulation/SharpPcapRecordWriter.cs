using SharpPcap;
using SharpPcap.LibPcap;

namespace TrafficWatch.Simulation;

/// <summary>Writes through SharpPcap's <see cref="CaptureFileWriterDevice"/> (libpcap <c>pcap_dump</c>); kept for comparison.</summary>
internal sealed class SharpPcapRecordWriter : IPcapRecordWriter
{
    private readonly CaptureFileWriterDevice _device;

    public SharpPcapRecordWriter(string path)
    {
        _device = new CaptureFileWriterDevice(path, FileMode.Create);
        _device.Open(new DeviceConfiguration { LinkLayerType = PacketDotNet.LinkLayers.Ethernet, Snaplen = 65535 });
    }

    public void Write(long timestampMicros, ReadOnlySpan<byte> frame)
    {
        var header = new PcapHeader((uint)(timestampMicros / 1_000_000), (uint)(timestampMicros % 1_000_000), (uint)frame.Length, (uint)frame.Length);
        _device.Write(frame, ref header);
    }

    public void Dispose() => _device.Dispose();
}
