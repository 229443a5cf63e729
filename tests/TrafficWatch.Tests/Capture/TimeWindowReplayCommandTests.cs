using System.Text.RegularExpressions;
using TrafficWatch.Simulation;
using TrafficWatch.Tests.Cli;

namespace TrafficWatch.Tests.Capture;

/// <summary><c>trafficwatch replay --from/--to/--speed</c> end to end: the real program, exit codes and one-line errors.</summary>
public sealed class TimeWindowReplayCommandTests : IDisposable
{
    private const long T0 = 1_748_851_200;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteSeconds(int count)
    {
        var path = _dir.File("seconds.pcap");
        using var writer = new ManagedPcapWriter(path);
        for (var i = 0; i < count; i++)
        {
            writer.Write((T0 + i) * 1_000_000L, CaptureTestFrames.Udp(5000, 6000));
        }
        return path;
    }

    [Theory]
    [InlineData("--from", "yesterday", "trafficwatch: --from 'yesterday' is not a time")]
    [InlineData("--to", "2025-02-30", "trafficwatch: --to '2025-02-30' is not a time")]
    [InlineData("--speed", "warp", "trafficwatch: --speed 'warp' is not realtime, max or a multiplier")]
    [InlineData("--speed", "0", "trafficwatch: --speed '0' is not")]
    public void Bad_values_are_one_line_and_exit_code_1(string option, string value, string expected)
    {
        var pcap = WriteSeconds(3);

        var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", pcap, option, value, "--eve", _dir.File("eve.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(expected, result.StdErr, StringComparison.Ordinal);
        Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void From_after_to_is_refused()
    {
        var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", WriteSeconds(3), "--from", "2025-06-02T09:00:00Z", "--to", "2025-06-02T08:00:00Z");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("trafficwatch: --from 2025-06-02T09:00:00Z is not before --to", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_processes_only_the_window_and_reports_what_it_skipped()
    {
        var pcap = WriteSeconds(100);

        var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", pcap, "--from", "2025-06-02T08:00:20Z", "--to", (T0 + 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--speed", "max", "--eve", _dir.File("eve.json"), "--metrics", _dir.File("metrics.lp"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Matches(new Regex(@"packets\s+30 \("), result.StdErr);
        Assert.Matches(new Regex(@"window\s+70 packets outside --from/--to skipped"), result.StdErr);
        Assert.Contains("08:00:20.000 .. 2025-06-02 08:00:49.000", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_at_speed_10_paces_a_two_second_capture()
    {
        var path = _dir.File("two.pcap");
        using (var writer = new ManagedPcapWriter(path))
        {
            for (var ms = 0; ms <= 2_000; ms += 100)
            {
                writer.Write(T0 * 1_000_000L + ms * 1_000L, CaptureTestFrames.Udp(5000, 6000));
            }
        }

        var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", path, "--speed", "10", "--eve", _dir.File("eve.json"), "--metrics", _dir.File("metrics.lp"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Matches(new Regex(@"packets\s+21 \("), result.StdErr);
        var seconds = double.Parse(Regex.Match(result.StdErr, @"finished in ([0-9.]+) s").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(seconds >= 0.15, $"finished in {seconds} s");
    }
}
