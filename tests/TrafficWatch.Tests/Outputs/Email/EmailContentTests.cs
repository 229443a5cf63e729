using System.Globalization;
using MimeKit;
using TrafficWatch.Detection;
using TrafficWatch.Outputs.Email;
using TrafficWatch.Tests.Capture;

namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>What one mail says, and that hostile names from the wire arrive inert: through a real SMTP server, parsed with MimeKit.</summary>
public sealed class EmailContentTests : IAsyncLifetime
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
    public async Task A_high_alert_is_mailed_at_once_with_every_field_and_a_dashboard_link_for_its_time_range()
    {
        var alert = TestAlerts.Make(AlertSeverity.High);
        await using (var sink = new EmailAlertSink(TestAlerts.Options(_server.Port, _dir.File("outbox"))))
        {
            sink.OnAlert(alert);
            Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(1, sink.Counters.Sent);
            Assert.Equal(0, sink.Counters.Queued);
        }

        var mail = Assert.Single(_server.Received);
        Assert.Equal(["it@council.example"], mail.EnvelopeTo);
        Assert.Equal("trafficwatch@council.example", mail.EnvelopeFrom);
        Assert.Equal("[TrafficWatch] HIGH unapproved-destination: cam-17 (zone cameras)", mail.Subject);
        Assert.Equal(alert.Timestamp.ToDateTimeOffset(), mail.Message.Date);
        Assert.Equal("auto-generated", mail.Message.Headers["Auto-Submitted"]);
        Assert.Equal("02:00:5e:10:00:01", mail.Message.Headers["X-TrafficWatch-Device"]);
        Assert.NotNull(mail.Message.TextBody);
        Assert.NotNull(mail.Message.HtmlBody);
        foreach (var body in new[] { mail.Text, mail.Html })
        {
            foreach (var expected in new[]
            {
                "cam-17 uploaded 1.2 MB to cloud.example.com", "02:00:5e:10:00:01", "10.20.0.17", "hikvision", "camera",
                "cameras", "Town Hall", "Facilities (J. Smith)", "203.0.113.9 port 443/TCP", "cloud.example.com (learned from a DNS answer)",
                "NL", "AS64500 Example Hosting BV", "1,234,567", "8,910", "2025-06-15 14:58:00 UTC", "2025-06-15 15:00:00 UTC",
                "policy.yaml:14: cameras: allow nvr.council.local:554", "block 203.0.113.9 at the firewall",
            })
            {
                Assert.Contains(WebText(expected, body == mail.Html), body, StringComparison.Ordinal);
            }
        }
        var fromMs = (alert.FirstSeen.Nanoseconds / 1_000_000 - 300_000).ToString(CultureInfo.InvariantCulture);
        var toMs = (alert.LastSeen.Nanoseconds / 1_000_000 + 300_000).ToString(CultureInfo.InvariantCulture);
        var link = $"https://grafana.council.example/d/trafficwatch-device?var-device=02%3A00%3A5e%3A10%3A00%3A01&from={fromMs}&to={toMs}";
        Assert.Contains(link, mail.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{link.Replace("&", "&amp;", StringComparison.Ordinal)}\">", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_hostname_and_a_dns_name_with_crlf_bcc_arrive_inert()
    {
        var alert = TestAlerts.Make(AlertSeverity.High, name: "<script>alert(1)</script>",
            destinationName: "evil.example\r\nBcc: evil@x\r\n\r\n<b>body</b>", zone: "cams\r\nX-Injected: 1");
        await using (var sink = new EmailAlertSink(TestAlerts.Options(_server.Port, _dir.File("outbox"))))
        {
            sink.OnAlert(alert);
            Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(20)));
        }

        var mail = Assert.Single(_server.Received);
        Assert.Equal(["it@council.example"], mail.EnvelopeTo);
        Assert.Empty(mail.Message.Bcc);
        Assert.Single(mail.Message.To.Mailboxes);
        Assert.DoesNotContain(mail.Message.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(mail.Message.Headers, h => h.Field.Equals("X-Injected", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(mail.RawText.Split("\r\n"), line => line.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase)
            || line.StartsWith("X-Injected:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain('\r', mail.Subject);
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.Equal("[TrafficWatch] HIGH unapproved-destination: <script>alert(1)</script> (zone cams X-Injected: 1)", mail.Subject);

        Assert.DoesNotContain("<script", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>body", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("evil.example Bcc: evil@x &lt;b&gt;body&lt;/b&gt; (learned from a DNS answer)", mail.Html, StringComparison.Ordinal);
        // The text part keeps the names readable, on one line each.
        Assert.Contains("evil.example Bcc: evil@x <b>body</b> (learned from a DNS answer)", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(mail.Text.Split('\n'), line => line.StartsWith("Bcc:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Long_names_are_bounded_in_the_subject_and_the_body()
    {
        var longName = new string('x', 5_000);
        var alert = TestAlerts.Make(AlertSeverity.High, name: longName, destinationName: longName);
        await using (var sink = new EmailAlertSink(TestAlerts.Options(_server.Port, _dir.File("outbox"))))
        {
            sink.OnAlert(alert);
            Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(20)));
        }

        var mail = Assert.Single(_server.Received);
        Assert.True(mail.Subject.Length <= 200, mail.Subject);
        Assert.Contains("…", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 200), mail.Text, StringComparison.Ordinal);
        Assert.True(mail.Raw.Length < 64 * 1024, $"mail is {mail.Raw.Length} bytes");
    }

    private static string WebText(string text, bool html) => html ? System.Net.WebUtility.HtmlEncode(text) : text;
}
