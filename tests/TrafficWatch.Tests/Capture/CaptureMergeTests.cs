using TrafficWatch.Capture;

namespace TrafficWatch.Tests.Capture;

public sealed class CaptureMergeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Two_files_with_interleaved_timestamps_come_out_in_global_time_order()
    {
        var a = new PcapFileBuilder().Add(10, 0, [0xA1]).Add(12, 0, [0xA2]).Add(14, 0, [0xA3]).WriteTo(_dir.File("a.pcap"));
        var b = new PcapNgFileBuilder().Add(11, 0, [0xB1]).Add(13, 0, [0xB2]).Add(15, 0, [0xB3]).Add(16, 0, [0xB4]).WriteTo(_dir.File("b.pcapng"));

        using var source = CaptureFiles.Open([a, b]);
        var frames = FrameCopy.ReadAll(source);

        Assert.Empty(source.Errors);
        Assert.Equal([0xA1, 0xB1, 0xA2, 0xB2, 0xA3, 0xB3, 0xB4], frames.Select(f => f.Data[0]));
        Assert.Equal([0, 1, 0, 1, 0, 1, 1], frames.Select(f => (int)f.SourceIndex));
        Assert.Equal(frames.Select(f => f.TimestampNanos).Order(), frames.Select(f => f.TimestampNanos));
    }

    [Fact]
    public void Equal_timestamps_go_to_the_lower_source_index_first_and_each_file_keeps_its_order()
    {
        var a = new PcapFileBuilder().Add(5, 0, [1]).Add(5, 0, [2]).WriteTo(_dir.File("a.pcap"));
        var b = new PcapFileBuilder().Add(5, 0, [3]).Add(4, 0, [4]).WriteTo(_dir.File("b.pcap"));   // b goes back in time

        using var source = CaptureFiles.Open([a, b]);
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal([1, 2, 3, 4], frames.Select(f => (int)f.Data[0]));
    }

    [Fact]
    public void Many_files_merge_correctly()
    {
        var paths = new List<string>();
        var expected = new List<long>();
        var random = new Random(7);
        for (var f = 0; f < 9; f++)
        {
            var builder = new PcapFileBuilder(nanosecond: true);
            var t = 0L;
            for (var i = 0; i < 50; i++)
            {
                t += random.Next(1, 1_000_000);
                builder.Add((uint)(t / 1_000_000_000), (uint)(t % 1_000_000_000), [(byte)f]);
                expected.Add(t);
            }
            paths.Add(builder.WriteTo(_dir.File($"f{f}.pcap")));
        }

        using var source = CaptureFiles.Open(paths);
        var frames = FrameCopy.ReadAll(source);

        expected.Sort();
        Assert.Equal(expected, frames.Select(f => f.TimestampNanos));
        Assert.All(frames, fr => Assert.Equal(fr.SourceIndex, fr.Data[0]));
    }

    [Fact]
    public void A_damaged_file_in_a_merge_stops_alone_and_the_others_continue()
    {
        var bytes = new PcapFileBuilder().Add(1, 0, new byte[60]).Add(3, 0, new byte[60]).Add(5, 0, new byte[60]).ToArray();
        var cut = _dir.File("cut.pcap");
        File.WriteAllBytes(cut, bytes[..^30]);
        var good = new PcapFileBuilder().Add(2, 0, [9]).Add(4, 0, [9]).Add(6, 0, [9]).WriteTo(_dir.File("good.pcap"));

        using var source = CaptureFiles.Open([cut, good]);
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal([1L, 2, 3, 4, 6], frames.Select(f => f.TimestampNanos / 1_000_000_000));
        var error = Assert.Single(source.Errors);
        Assert.Equal(cut, error.Source);
        Assert.Equal(3, error.RecordNumber);
    }
}
