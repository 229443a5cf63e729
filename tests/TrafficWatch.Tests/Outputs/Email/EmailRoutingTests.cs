using TrafficWatch.Detection;
using TrafficWatch.Outputs.Email;
using TrafficWatch.Tests.Capture;

namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>Routing, digests and the hourly cap, end to end through a real SMTP server.</summary>
public sealed class EmailRoutingTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private TestSmtpServer _server = null!;

    public async Task InitializeAsync() => _server = await TestSmtpServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task The_camera_team_gets_camera_zones_the_soc_gets_everything_high_and_the_default_route_the_rest()
    {
        var options = TestAlerts.Options(_server.Port, _dir.File("outbox"));
        options.Routes.Add(new EmailRoute { Name = "cameras", To = ["cams@council.example"], Zones = ["cameras", "car-parks"], MinSeverity = AlertSeverity.Medium });
        options.Routes.Add(new EmailRoute { Name = "soc", To = ["soc@council.example"], MinSeverity = AlertSeverity.High });
        options.Routes.Add(new EmailRoute { Name = "libraries", To = ["libs@council.example"], Sites = ["Central Library"] });
        await using (var sink = new EmailAlertSink(options))
        {
            sink.OnAlert(TestAlerts.Make(AlertSeverity.High, 1, zone: "cameras"));                   // cameras + soc
            sink.OnAlert(TestAlerts.Make(AlertSeverity.High, 2, zone: "hvac", name: "ahu-1"));       // soc only
            sink.OnAlert(TestAlerts.Make(AlertSeverity.Low, 3, zone: "cameras", name: "cam-low"));   // below the camera team: default
            sink.OnAlert(TestAlerts.Make(AlertSeverity.Medium, 4, zone: "hvac", site: "Central Library", name: "lib-ahu")); // libraries
            sink.OnAlert(TestAlerts.Make(AlertSeverity.Medium, 5, zone: "CAR-PARKS", name: "anpr-2")); // cameras (case-insensitive)
            sink.Complete(TestAlerts.T0.AddSeconds(10));
            Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(0, sink.UnroutedAlerts);
        }

        var mails = _server.Received;
        string[] Subjects(string to) => [.. mails.Where(m => m.EnvelopeTo.SequenceEqual([to])).Select(m => m.Subject)];
        Assert.Equal(
            ["[TrafficWatch] HIGH unapproved-destination: cam-17 (zone cameras)",
             "[TrafficWatch] Digest, 1 alert from 1 device: MEDIUM unapproved-destination: anpr-2 (zone CAR-PARKS)"],
            Subjects("cams@council.example"));
        Assert.Equal(
            ["[TrafficWatch] HIGH unapproved-destination: cam-17 (zone cameras)",
             "[TrafficWatch] HIGH unapproved-destination: ahu-1 (zone hvac)"],
            Subjects("soc@council.example"));
        Assert.Equal(["[TrafficWatch] Digest, 1 alert from 1 device: MEDIUM unapproved-destination: lib-ahu (zone hvac)"], Subjects("libs@council.example"));
        Assert.Equal(["[TrafficWatch] Digest, 1 alert from 1 device: LOW unapproved-destination: cam-low (zone cameras)"], Subjects("it@council.example"));
        Assert.Equal(6, mails.Count);
    }

    [Fact]
    public async Task A_storm_of_medium_alerts_becomes_one_digest_per_window_grouped_by_device_and_rule()
    {
        var options = TestAlerts.Options(_server.Port, _dir.File("outbox"));
        await using (var sink = new EmailAlertSink(options))
        {
            // 15:00-15:15 window: 40 alerts for cam-17/unapproved, 5 for cam-17/exfil-volume, 3 for cam-18/unapproved.
            for (var i = 0; i < 40; i++)
            {
                sink.OnAlert(TestAlerts.Make(atSeconds: 10 + i * 20, destinationIp: $"203.0.113.{i % 12 + 1}"));
            }
            for (var i = 0; i < 5; i++)
            {
                sink.OnAlert(TestAlerts.Make(atSeconds: 30 + i, rule: "exfil-volume"));
            }
            for (var i = 0; i < 3; i++)
            {
                sink.OnAlert(TestAlerts.Make(atSeconds: 40 + i, mac: "02:00:5e:10:00:02", name: "cam-18"));
            }
            sink.AdvanceTo(TestAlerts.T0.AddSeconds(899));
            Assert.Equal(0, sink.Counters.Composed); // the window is still open
            sink.AdvanceTo(TestAlerts.T0.AddSeconds(900));
            Assert.Equal(1, sink.Counters.Composed);
            sink.OnAlert(TestAlerts.Make(atSeconds: 1_000, name: "cam-17"));
            sink.Complete(TestAlerts.T0.AddSeconds(1_200));
            Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(20)));
        }

        var mails = _server.Received;
        Assert.Equal(2, mails.Count);
        var digest = mails[0];
        Assert.Equal("[TrafficWatch] Digest, 48 alerts from 2 devices: MEDIUM unapproved-destination: cam-17 (zone cameras) and 2 more", digest.Subject);
        Assert.Equal(TestAlerts.T0.AddSeconds(900).ToDateTimeOffset(), digest.Message.Date);
        Assert.Contains("48 alerts between 2025-06-15 15:00:00 UTC and 2025-06-15 15:15:00 UTC", digest.Text, StringComparison.Ordinal);
        Assert.Contains("cam-17 / unapproved-destination: 40 alerts, 2025-06-15 15:00:10 UTC to 2025-06-15 15:13:10 UTC", digest.Text, StringComparison.Ordinal);
        Assert.Contains("cam-17 / exfil-volume: 5 alerts", digest.Text, StringComparison.Ordinal);
        Assert.Contains("cam-18 / unapproved-destination: 3 alerts", digest.Text, StringComparison.Ordinal);
        Assert.Contains("and 2 more", digest.Text, StringComparison.Ordinal); // 12 destinations, 10 listed (one shown above)
        Assert.Contains("cam-17 / unapproved-destination: 40 alerts", digest.Html, StringComparison.Ordinal);
        Assert.Equal("[TrafficWatch] Digest, 1 alert from 1 device: MEDIUM unapproved-destination: cam-17 (zone cameras)", mails[1].Subject);
    }

    [Fact]
    public async Task The_hourly_cap_holds_mails_back_and_the_next_mail_says_how_many_alerts_were_suppressed()
    {
        var options = TestAlerts.Options(_server.Port, _dir.File("outbox"), maxMailsPerHour: 2);
        await using (var sink = new EmailAlertSink(options))
        {
            for (var i = 0; i < 5; i++)
            {
                sink.OnAlert(TestAlerts.Make(AlertSeverity.High, atSeconds: i * 60, name: $"cam-{i}"));
            }
            Assert.Equal(3, sink.Counters.SuppressedAlerts);
            sink.OnAlert(TestAlerts.Make(AlertSeverity.High, atSeconds: 3_600, name: "cam-late")); // the first mail left the hour
            sink.OnAlert(TestAlerts.Make(AlertSeverity.High, atSeconds: 3_610, name: "cam-capped"));
            sink.Complete(TestAlerts.T0.AddSeconds(3_700));
            Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(20)));
        }

        var mails = _server.Received;
        Assert.Equal(
            ["[TrafficWatch] HIGH unapproved-destination: cam-0 (zone cameras)",
             "[TrafficWatch] HIGH unapproved-destination: cam-1 (zone cameras)",
             "[TrafficWatch] HIGH unapproved-destination: cam-late (zone cameras)",
             "[TrafficWatch] 1 alert suppressed on route it"],
            mails.Select(m => m.Subject));
        Assert.Contains("3 more alerts on this route were suppressed since 2025-06-15 15:02:00 UTC (limit: 2 mails per hour per route)", mails[2].Text, StringComparison.Ordinal);
        Assert.Contains("3 more alerts on this route were suppressed", mails[2].Html, StringComparison.Ordinal);
        Assert.DoesNotContain("suppressed", mails[1].Text, StringComparison.Ordinal);
        Assert.Contains("1 more alert on this route was suppressed since 2025-06-15 16:00:10 UTC", mails[3].Text, StringComparison.Ordinal);
    }
}
