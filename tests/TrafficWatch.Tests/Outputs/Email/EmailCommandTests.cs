using System.Globalization;
using TrafficWatch.Cli.Configuration;
using TrafficWatch.Detection;
using TrafficWatch.Outputs.Email;
using TrafficWatch.Tests.Capture;
using TrafficWatch.Tests.Cli;

namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>The <c>Email</c> configuration section and <c>trafficwatch email test</c> against a real SMTP server.</summary>
public sealed class EmailCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_email_section_binds_routes_severities_and_windows_from_yaml()
    {
        var path = WriteConfig(2525, extra: "");

        var settings = TrafficWatchSettings.Load(path);

        var email = settings.Email;
        Assert.True(email.Enabled);
        Assert.Equal(2525, email.EffectivePort);
        Assert.Equal(EmailSecurity.None, email.Security);
        Assert.Equal(TimeSpan.FromMinutes(5), email.DigestWindow);
        var route = Assert.Single(email.Routes);
        Assert.Equal("cameras", route.Name);
        Assert.Equal(["cams@council.example", "cctv@council.example"], route.To);
        Assert.Equal(["cameras"], route.Zones);
        Assert.Equal(AlertSeverity.Medium, route.MinSeverity);
        Assert.Equal(["it@council.example"], email.DefaultRoute!.To);
        Assert.Empty(email.Validate());
    }

    [Fact]
    public void An_enabled_email_section_with_problems_is_a_configuration_error()
    {
        var path = _dir.File("bad.yaml");
        File.WriteAllText(path, "Email:\n  Enabled: true\n  Host: smtp.council.example\n  From: not an address\n");

        var ex = Assert.ThrowsAny<Exception>(() => TrafficWatchSettings.Load(path));

        Assert.Contains("Email:From must be an e-mail address", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_test_sends_one_message_to_every_route_recipient_and_prints_the_server_reply()
    {
        await using var server = await TestSmtpServer.StartAsync();
        var path = WriteConfig(server.Port, extra: "");

        var result = TrafficWatchProcess.RunIn(_dir.Path, "email", "test", "--config", path);

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        var line = Assert.Single(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("email test: OK, sent to 3 recipient(s) via 127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Contains(": 250 ", line, StringComparison.Ordinal);
        var mail = Assert.Single(server.Received);
        Assert.Equal(["cams@council.example", "cctv@council.example", "it@council.example"], mail.EnvelopeTo);
        Assert.Equal("[TrafficWatch] Test message", mail.Subject);
    }

    [Fact]
    public void Email_test_with_the_server_down_prints_one_failure_line_and_exits_3()
    {
        var path = WriteConfig(TestSmtpServer.FreePort(), extra: "");

        var result = TrafficWatchProcess.RunIn(_dir.Path, "email", "test", "--config", path, "--to", "me@council.example");

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("email test: FAILED, 127.0.0.1:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_test_with_a_wrong_password_reports_the_refusal_without_the_password()
    {
        using var certificate = TestCertificate.Create();
        await using var server = await TestSmtpServer.StartAsync(new TestSmtpServerSettings { Certificate = certificate, Login = ("tw", "right") });
        var pem = TestCertificate.WritePem(certificate, _dir.File("server.pem"));
        var path = WriteConfig(server.Port, extra: $"  Security: StartTls\n  Username: tw\n  Password: \"Wr0ng-Secret\"\n  TrustedCertificateFile: {pem}\n");

        var result = TrafficWatchProcess.RunIn(_dir.Path, "email", "test", "--config", path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("authentication failed", result.StdOut, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Wr0ng-Secret", result.StdOut + result.StdErr, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    private string WriteConfig(int port, string extra)
    {
        var path = _dir.File("trafficwatch.yaml");
        var security = extra.Contains("Security:", StringComparison.Ordinal) ? string.Empty : "  Security: None\n";
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"""
            Email:
              Enabled: true
              Host: 127.0.0.1
              Port: {port}
            {security}{extra}  From: "TrafficWatch <tw@council.example>"
              OutboxDirectory: outbox
              DigestWindow: "00:05:00"
              Timeout: "00:00:05"
              Routes:
                - Name: cameras
                  To: [cams@council.example, cctv@council.example]
                  Zones: [cameras]
                  MinSeverity: Medium
              DefaultRoute:
                To: [it@council.example]

            """));
        return path;
    }
}
