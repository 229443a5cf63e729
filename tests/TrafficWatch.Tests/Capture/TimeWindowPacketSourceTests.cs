using TrafficWatch.Capture;
using TrafficWatch.Simulation;

namespace TrafficWatch.Tests.Capture;

/// <summary><c>replay --from/--to</c>: the window decorator over real capture files.</summary>
public sealed class TimeWindowPacketSourceTests : IDisposable
{
    private const uint T0 = 1_748_851_200;     // 2025-06-02T08:00:00Z
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>One UDP frame per second from <see cref="T0"/> (frame i at T0 + first + i), written by the simulator's pcap writer.</summary>
    private string WriteSeconds(string name, int count, int first = 0)
    {
        var path = _dir.File(name);
        var frame = CaptureTestFrames.Udp(5000, 6000);
        using var writer = new ManagedPcapWriter(path);
        for (var i = 0; i < count; i++)
        {
            writer.Write((T0 + first + i) * 1_000_000L, frame);
        }
        return path;
    }

    private static PacketTime At(double seconds) => PacketTime.FromSeconds(T0).AddSeconds(seconds);

    [Fact]
    public void Only_frames_in_the_half_open_window_are_delivered_and_the_rest_are_counted_as_skipped()
    {
        var pcap = WriteSeconds("seconds.pcap", 100);

        using var source = new TimeWindowPacketSource(CaptureFiles.Open(pcap), new TimeWindow(At(20), At(50)));
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal(30, frames.Count);
        Assert.Equal(At(20).Nanoseconds, frames[0].TimestampNanos);    // from is inclusive
        Assert.Equal(At(49).Nanoseconds, frames[^1].TimestampNanos);   // to is exclusive
        Assert.Equal(70, source.Statistics.SkippedOutsideWindow);
        Assert.Equal(100, source.Statistics.PacketsRead);
        Assert.False(source.StoppedAfterWindow);                       // the last frame is within the reorder tolerance
        Assert.Equal(source.TotalBytes, source.ConsumedBytes);
        Assert.Contains("2025-06-02T08:00:20Z", source.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(90.0, null, 10, 90)]
    [InlineData(null, 10.0, 10, 61)]         // reading stops at the frame 60 s (the reorder tolerance) past --to
    [InlineData(null, null, 100, 0)]
    [InlineData(99.5, null, 0, 100)]
    [InlineData(-50.0, 0.5, 1, 61)]
    public void Open_bounds_keep_everything_on_their_side(double? from, double? to, int delivered, int skipped)
    {
        var pcap = WriteSeconds("seconds.pcap", 100);
        var window = new TimeWindow(from is { } f ? At(f) : null, to is { } t ? At(t) : null);

        using var source = new TimeWindowPacketSource(CaptureFiles.Open(pcap), window);
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal(delivered, frames.Count);
        Assert.Equal(skipped, source.Statistics.SkippedOutsideWindow);
        Assert.All(frames, fr => Assert.True(window.Contains(new PacketTime(fr.TimestampNanos))));
    }

    [Fact]
    public void Rotated_files_are_cut_to_the_window_across_file_boundaries()
    {
        var first = WriteSeconds("rot-000.pcap", 60);
        var second = WriteSeconds("rot-001.pcap", 60, first: 60);
        var third = WriteSeconds("rot-002.pcap", 60, first: 120);

        using var source = new TimeWindowPacketSource(CaptureFiles.Open([_dir.Path]), new TimeWindow(At(45), At(135)));
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal(90, frames.Count);
        Assert.Equal([0, 1, 2], frames.Select(f => (int)f.SourceIndex).Distinct());
        Assert.Equal(45 + 45, source.Statistics.SkippedOutsideWindow);
        Assert.True(File.Exists(first) && File.Exists(second) && File.Exists(third));
    }

    [Fact]
    public void Reading_stops_once_past_the_window_and_progress_reaches_the_end()
    {
        var pcap = WriteSeconds("long.pcap", 1_000);
        var inner = CaptureFiles.Open(pcap);

        using var source = new TimeWindowPacketSource(inner, new TimeWindow(At(10), At(20)), reorderTolerance: TimeSpan.FromSeconds(5));
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal(10, frames.Count);
        Assert.True(source.StoppedAfterWindow);
        Assert.Equal(26, source.Statistics.PacketsRead);               // up to the frame at to + 5 s
        Assert.Equal(10 + 6, source.Statistics.SkippedOutsideWindow);
        Assert.True(inner.ConsumedBytes < inner.TotalBytes / 10);
        Assert.Equal(source.TotalBytes, source.ConsumedBytes);
        Assert.Equal(ReadStatus.EndOfInput, source.Next(out _));
    }

    [Fact]
    public void A_frame_stored_slightly_out_of_order_before_to_is_still_delivered()
    {
        var pcap = new PcapFileBuilder()
            .Add(T0 + 10, 0, [1])
            .Add(T0 + 20, 0, [2])
            .Add(T0 + 15, 0, [3])     // written after a frame past --to
            .Add(T0 + 30, 0, [4])
            .WriteTo(_dir.File("disorder.pcap"));

        using var source = new TimeWindowPacketSource(CaptureFiles.Open(pcap), new TimeWindow(null, At(18)));
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal([1, 3], frames.Select(f => (int)f.Data[0]));
        Assert.Equal(2, source.Statistics.SkippedOutsideWindow);
    }

    [Fact]
    public void Progress_inside_the_window_is_projected_from_packet_time()
    {
        var pcap = WriteSeconds("seconds.pcap", 1_000);
        using var source = new TimeWindowPacketSource(CaptureFiles.Open(pcap), new TimeWindow(At(0), At(100)));

        for (var i = 0; i < 51; i++)
        {
            Assert.Equal(ReadStatus.Packet, source.Next(out _));       // frames at 0 .. 50 s
        }

        // 50 of the 100 seconds up to --to are read: at least half of the input counts as done, though only ~5 % of the file was read.
        Assert.InRange(source.ConsumedBytes, source.TotalBytes / 2, source.TotalBytes);
    }

    [Fact]
    public void Window_over_a_simulated_capture_keeps_exactly_the_frames_an_independent_count_finds()
    {
        var pcap = _dir.File("city.pcap");
        var result = new CityNetworkSimulator(new SimulationOptions
        {
            OutputPath = pcap,
            Duration = TimeSpan.FromSeconds(40),
            Devices = 10,
            CameraBitrateKbps = 32,
        }).Run();
        var start = PacketTime.FromSeconds(result.StartTime.ToUnixTimeSeconds());
        var window = new TimeWindow(start.AddSeconds(10), start.AddSeconds(25));
        List<FrameCopy> all;
        using (var plain = CaptureFiles.Open(pcap))
        {
            all = FrameCopy.ReadAll(plain);
        }
        var inside = all.Count(f => window.Contains(new PacketTime(f.TimestampNanos)));

        using var source = new TimeWindowPacketSource(CaptureFiles.Open(pcap), window);
        var kept = FrameCopy.ReadAll(source);

        Assert.True(inside > 0 && inside < all.Count);
        Assert.Equal(inside, kept.Count);
        Assert.Equal(all.Count - inside, source.Statistics.SkippedOutsideWindow);
        Assert.Equal(all.Where(f => window.Contains(new PacketTime(f.TimestampNanos))).Select(f => f.TimestampNanos), kept.Select(f => f.TimestampNanos));
    }

    [Fact]
    public void An_empty_window_is_refused()
        => Assert.Throws<ArgumentException>(() => new TimeWindowPacketSource(CaptureFiles.Open(WriteSeconds("x.pcap", 1)), new TimeWindow(At(5), At(5))));
}
