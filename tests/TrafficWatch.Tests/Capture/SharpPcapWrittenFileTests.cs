using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;
using TrafficWatch.Capture;

namespace TrafficWatch.Tests.Capture;

public sealed class SharpPcapWrittenFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void File_written_by_CaptureFileWriterDevice_reads_back_identically()
    {
        var path = _dir.File("written.pcap");
        var frames = new List<byte[]>();
        using (var writer = new CaptureFileWriterDevice(path, FileMode.Create))
        {
            writer.Open(new DeviceConfiguration { LinkLayerType = LinkLayers.Ethernet });
            for (var i = 0; i < 25; i++)
            {
                var bytes = i % 2 == 0 ? CaptureTestFrames.Udp((ushort)(1000 + i), 53) : CaptureTestFrames.Tcp((ushort)(2000 + i), 443);
                frames.Add(bytes);
                writer.Write(new RawCapture(LinkLayers.Ethernet, new PosixTimeval(1_700_000_000UL + (ulong)i, (ulong)(i * 1000)), bytes));
            }
        }

        using var source = CaptureFiles.Open(path);
        var read = FrameCopy.ReadAll(source);

        Assert.Empty(source.Errors);
        Assert.Equal(frames.Count, read.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i], read[i].Data);
            Assert.Equal(frames[i].Length, read[i].WireLength);
            Assert.Equal((1_700_000_000L + i) * 1_000_000_000L + (i * 1000L * 1000L), read[i].TimestampNanos);
        }
        using var udpOnly = CaptureFiles.Open([path], "udp and dst port 53");
        Assert.Equal(13, FrameCopy.ReadAll(udpOnly).Count);
    }
}
