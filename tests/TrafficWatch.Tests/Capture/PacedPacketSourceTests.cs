using System.Diagnostics;
using TrafficWatch.Capture;
using TrafficWatch.Simulation;

namespace TrafficWatch.Tests.Capture;

/// <summary><c>replay --speed</c>: behaviour checks with generous bounds (the machine is shared; no tight timing).</summary>
public sealed class PacedPacketSourceTests : IDisposable
{
    private const long T0Micros = 1_748_851_200L * 1_000_000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Frames every <paramref name="stepMillis"/> ms over <paramref name="seconds"/> s of packet time.</summary>
    private string WriteCapture(double seconds, int stepMillis)
    {
        var path = _dir.File("paced.pcap");
        var frame = CaptureTestFrames.Udp(5000, 6000);
        using var writer = new ManagedPcapWriter(path);
        for (long t = 0; t <= seconds * 1_000; t += stepMillis)
        {
            writer.Write(T0Micros + t * 1_000, frame);
        }
        return path;
    }

    [Fact]
    public void Speed_10_replays_a_two_second_capture_in_about_a_fifth_of_a_second()
    {
        var pcap = WriteCapture(2, 100);

        using var source = new PacedPacketSource(CaptureFiles.Open(pcap), PacedSpeed.Times(10));
        var stopwatch = Stopwatch.StartNew();
        var frames = FrameCopy.ReadAll(source);
        stopwatch.Stop();

        Assert.Equal(21, frames.Count);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(0.15), $"took {stopwatch.Elapsed}");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.True(source.Slept > TimeSpan.FromSeconds(0.1), $"slept {source.Slept}");
        Assert.Contains("paced at 10x", source.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_never_sleeps()
    {
        var pcap = WriteCapture(2, 100);

        using var source = new PacedPacketSource(CaptureFiles.Open(pcap), PacedSpeed.Max);
        var stopwatch = Stopwatch.StartNew();
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal(21, frames.Count);
        Assert.Equal(TimeSpan.Zero, source.Slept);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Stop_wakes_a_reader_waiting_for_a_packet_an_hour_later()
    {
        var path = _dir.File("gap.pcap");
        using (var writer = new ManagedPcapWriter(path))
        {
            writer.Write(T0Micros, CaptureTestFrames.Udp(1, 2));
            writer.Write(T0Micros + 3_600_000_000L, CaptureTestFrames.Udp(1, 2));
        }
        using var source = new PacedPacketSource(CaptureFiles.Open(path), PacedSpeed.Realtime);
        Assert.Equal(ReadStatus.Packet, source.Next(out _));

        var second = Task.Run(() => source.Next(out _));
        await Task.Delay(100);
        source.Stop();

        var finished = await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(finished == second, "Next still sleeping after Stop");
        Assert.Equal(ReadStatus.EndOfInput, source.Next(out _));
    }

    [Theory]
    [InlineData("max", 0)]
    [InlineData("MAX", 0)]
    [InlineData("realtime", 1)]
    [InlineData("10", 10)]
    [InlineData("10x", 10)]
    [InlineData("0.5", 0.5)]
    public void Speeds_parse(string text, double multiplier)
    {
        Assert.True(PacedSpeed.TryParse(text, out var speed, out var error), error);
        Assert.Equal(multiplier, speed.Multiplier);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("1e9")]
    [InlineData("NaN")]
    [InlineData("1 0")]
    public void Bad_speeds_are_one_line(string text)
    {
        Assert.False(PacedSpeed.TryParse(text, out _, out var error));
        Assert.StartsWith("--speed '", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }
}
