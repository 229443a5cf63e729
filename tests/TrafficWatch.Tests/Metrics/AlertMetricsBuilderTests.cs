using TrafficWatch.Flows;
using TrafficWatch.Decode;
using TrafficWatch.Detection;
using TrafficWatch.Outputs.Metrics;
using TrafficWatch.Pipeline;

namespace TrafficWatch.Tests.Metrics;

public sealed class AlertMetricsBuilderTests
{
    private static readonly PacketTime Start = MetricTestData.Start;   // a multiple of 10 s
    private static readonly MacAddress Camera = new(0x4419_b600_0001UL);
    private static readonly MacAddress Nvr = new(0x001b_5400_0002UL);

    [Fact]
    public async Task Alerts_of_one_group_in_one_interval_become_one_point_stamped_with_the_interval_start()
    {
        var path = Path.Combine(MetricTestData.TempDirectory(), "alerts.lp");
        await using (var writer = new LineProtocolFileWriter(path))
        {
            var builder = new AlertMetricsBuilder(writer, intervalSeconds: 10);
            builder.OnAlert(MakeAlert(Start.AddSeconds(1), Camera, bytesOut: 1_000, explanation: "first"));
            builder.OnAlert(MakeAlert(Start.AddSeconds(9.5), Camera, bytesOut: 234, explanation: "second"));
            Assert.Equal(0, builder.PointsWritten);                       // nothing before the interval closes
            builder.OnIntervalEnd(Start, default(IntervalSummary));
            Assert.Equal(1, builder.PointsWritten);
            Assert.Equal(2, builder.AlertsCounted);
        }

        var line = Assert.Single(DataLines(path));
        Assert.Equal(
            "alerts,class=camera,dest_country=CN,device=44:19:b6:00:00:01,rule=unapproved-destination,severity=high,"
            + "vendor=hikvision,zone=cctv count=2i,destination=\"cloud.example.cn (47.88.1.2:443)\",bytes=1234i,"
            + $"explanation=\"first\" {Start.Nanoseconds}",
            line);
    }

    [Fact]
    public async Task Each_interval_is_written_when_the_pipeline_closes_it_and_the_rest_on_flush()
    {
        var path = Path.Combine(MetricTestData.TempDirectory(), "alerts.lp");
        await using (var writer = new LineProtocolFileWriter(path))
        {
            var builder = new AlertMetricsBuilder(writer, intervalSeconds: 10);
            builder.OnAlert(MakeAlert(Start.AddSeconds(2), Camera));
            builder.OnAlert(MakeAlert(Start.AddSeconds(3), Nvr, rule: "exfil-volume", severity: AlertSeverity.Medium));
            builder.OnAlert(MakeAlert(Start.AddSeconds(12), Camera));      // next interval, still open
            builder.OnIntervalEnd(Start, default(IntervalSummary));
            Assert.Equal(2, builder.PointsWritten);
            builder.OnAlert(MakeAlert(Start.AddSeconds(25), Camera));
            builder.Flush();
            Assert.Equal(4, builder.PointsWritten);
            builder.Flush();                                              // nothing left
            Assert.Equal(4, builder.PointsWritten);
        }

        var lines = DataLines(path);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("alerts,class=camera,dest_country=CN,device=00:1b:54:00:00:02,rule=exfil-volume,severity=medium,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("alerts,class=camera,dest_country=CN,device=44:19:b6:00:00:01,rule=unapproved-destination,", lines[1], StringComparison.Ordinal);
        Assert.Equal([Start, Start, Start.AddSeconds(10), Start.AddSeconds(20)], lines.Select(Timestamp));
    }

    [Fact]
    public async Task Hostile_text_stays_on_one_line_bounded_and_destinations_never_become_tags()
    {
        var path = Path.Combine(MetricTestData.TempDirectory(), "alerts.lp");
        var hostileName = "evil\n\"host\\\" ,x=1 " + new string('a', 400);
        var explanation = "line one\r\nalerts,device=forged count=99i 1\n" + new string('e', 5_000);
        await using (var writer = new LineProtocolFileWriter(path))
        {
            var builder = new AlertMetricsBuilder(writer);
            builder.OnAlert(MakeAlert(Start, Camera, explanation: explanation, destinationName: hostileName, zone: "zone a,b=c"));
            builder.Flush();
        }

        var line = Assert.Single(DataLines(path));
        var tags = line[..line.IndexOf(" count=", StringComparison.Ordinal)];
        Assert.Contains(@"zone=zone\ a\,b\=c", tags, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", tags, StringComparison.Ordinal);
        Assert.DoesNotContain("47.88", tags, StringComparison.Ordinal);
        Assert.DoesNotContain("forged", tags, StringComparison.Ordinal);
        Assert.Contains("explanation=\"line one  alerts,device=forged count=99i 1 eeee", line, StringComparison.Ordinal);
        Assert.True(line.Length < AlertMetricsBuilder.MaxExplanationLength + AlertMetricsBuilder.MaxDestinationLength + 400, $"line length {line.Length}");
        Assert.Contains("\u2026\"", line, StringComparison.Ordinal);      // cut with an ellipsis
    }

    [Fact]
    public void Bound_never_splits_a_surrogate_pair_and_keeps_short_text()
    {
        Assert.Equal("short", AlertMetricsBuilder.Bound("short", 10));
        Assert.Equal(string.Empty, AlertMetricsBuilder.Bound(null, 10));
        var cut = AlertMetricsBuilder.Bound("abc\U0001F600def", 5);     // the emoji would straddle the cut
        Assert.Equal("abc\u2026", cut);
        Assert.Equal(4, AlertMetricsBuilder.Bound(new string('x', 100), 4).Length);
    }

    [Fact]
    public void Destination_text_names_the_host_and_brackets_IPv6_with_a_port()
    {
        Assert.Equal(string.Empty, AlertMetricsBuilder.DestinationText(null));
        Assert.Equal("47.88.1.2:443", AlertMetricsBuilder.DestinationText(new AlertDestination { Address = IpAddr.Parse("47.88.1.2"), Port = 443 }));
        Assert.Equal("[2001:db8::1]:53", AlertMetricsBuilder.DestinationText(new AlertDestination { Address = IpAddr.Parse("2001:db8::1"), Port = 53 }));
        Assert.Equal("ntp.example (2001:db8::1)", AlertMetricsBuilder.DestinationText(new AlertDestination { Address = IpAddr.Parse("2001:db8::1"), Name = "ntp.example" }));
    }

    [Fact]
    public async Task An_alert_older_than_a_written_interval_counts_in_the_next_open_interval()
    {
        var path = Path.Combine(MetricTestData.TempDirectory(), "alerts.lp");
        await using (var writer = new LineProtocolFileWriter(path))
        {
            var builder = new AlertMetricsBuilder(writer);
            builder.OnAlert(MakeAlert(Start.AddSeconds(5), Camera));
            builder.OnIntervalEnd(Start, default(IntervalSummary));
            builder.OnAlert(MakeAlert(Start.AddSeconds(6), Camera));      // late: its interval is already written
            builder.Flush();
            Assert.Equal(1, builder.LateAlerts);
        }

        var lines = DataLines(path);
        Assert.Equal([Start, Start.AddSeconds(10)], lines.Select(Timestamp));
        Assert.All(lines, l => Assert.Contains(" count=1i,", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Intervals_are_aligned_to_multiples_of_their_length_since_the_epoch_like_the_pipeline()
    {
        await using var writer = new LineProtocolFileWriter(Path.Combine(MetricTestData.TempDirectory(), "alerts.lp"));
        var builder = new AlertMetricsBuilder(writer, intervalSeconds: 30);
        Assert.Equal(PacketTime.FromSeconds(1_750_000_020), builder.IntervalStartOf(PacketTime.FromSeconds(1_750_000_049, 999_999_999)));
        Assert.Equal(PacketTime.FromSeconds(1_750_000_050), builder.IntervalStartOf(PacketTime.FromSeconds(1_750_000_050)));
        Assert.Equal(PacketTime.FromSeconds(-30), builder.IntervalStartOf(new PacketTime(-1)));
    }

    [Fact]
    public async Task The_same_alerts_write_the_same_file_so_a_second_replay_overwrites_instead_of_doubling()
    {
        async Task<string[]> Run()
        {
            var path = Path.Combine(MetricTestData.TempDirectory(), "alerts.lp");
            await using (var writer = new LineProtocolFileWriter(path))
            {
                var builder = new AlertMetricsBuilder(writer);
                builder.OnAlert(MakeAlert(Start.AddSeconds(1), Nvr, rule: "vendor-cloud"));
                builder.OnAlert(MakeAlert(Start.AddSeconds(2), Camera, rule: "exfil-volume"));
                builder.OnAlert(MakeAlert(Start.AddSeconds(3), Camera, rule: "beaconing", severity: AlertSeverity.Low));
                builder.OnAlert(MakeAlert(Start.AddSeconds(4), Nvr, rule: "vendor-cloud"));
                builder.Flush();
            }
            return DataLines(path);
        }

        var first = await Run();
        var second = await Run();
        Assert.Equal(3, first.Length);
        Assert.Equal(first, second);
        Assert.All(first, l => Assert.EndsWith($" {Start.Nanoseconds}", l, StringComparison.Ordinal));
    }

    private static Alert MakeAlert(
        PacketTime at,
        MacAddress device,
        string rule = "unapproved-destination",
        AlertSeverity severity = AlertSeverity.High,
        long bytesOut = 100,
        string explanation = "Camera sent data to an unapproved destination.",
        string destinationName = "cloud.example.cn",
        string zone = "cctv") => new()
        {
            Rule = rule,
            SignatureId = 9_000_001,
            Signature = "Camera talks to an unapproved destination",
            Category = "Policy Violation",
            Severity = severity,
            Timestamp = at,
            Device = new AlertDevice { Mac = device, Vlan = 10, Vendor = "hikvision", Class = "camera", Zone = zone },
            Destination = new AlertDestination
            {
                Address = IpAddr.Parse("47.88.1.2"),
                Port = 443,
                Protocol = 6,
                Name = destinationName,
                NameSource = NameSource.Dns,
                Country = "CN",
            },
            BytesOut = bytesOut,
            BytesIn = 50,
            Explanation = explanation,
        };

    private static string[] DataLines(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0 && l[0] != '#' && !l.StartsWith("CREATE ", StringComparison.Ordinal)).ToArray();

    private static PacketTime Timestamp(string line) => new(long.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}
