using System.Security.Cryptography.X509Certificates;
using SmtpServer.Protocol;
using TrafficWatch.Outputs.Email;
using TrafficWatch.Tests.Capture;
using TrafficWatch.Tests.Metrics;

namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>STARTTLS and implicit TLS with a certificate made in the test, certificate validation on by default,
/// AUTH PLAIN and LOGIN, and the password kept out of every log line and reply.</summary>
public sealed class EmailSecurityTests : IDisposable
{
    private const string User = "trafficwatch";
    private const string Password = "S3cret-Pa55!word";

    private readonly TempDirectory _dir = new();
    private readonly X509Certificate2 _certificate = TestCertificate.Create();

    public void Dispose()
    {
        _certificate.Dispose();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(EmailAuthMechanism.Plain, AuthenticationMethod.Plain)]
    [InlineData(EmailAuthMechanism.Login, AuthenticationMethod.Login)]
    public async Task Starttls_with_the_pinned_test_certificate_delivers_after_authenticating(EmailAuthMechanism mechanism, AuthenticationMethod expected)
    {
        await using var server = await TestSmtpServer.StartAsync(new TestSmtpServerSettings { Certificate = _certificate, Login = (User, Password) });
        var options = Secure(server.Port, EmailSecurity.StartTls, mechanism);
        options.TrustedCertificateFile = TestCertificate.WritePem(_certificate, _dir.File("server.pem"));

        await using (var sink = new EmailAlertSink(options))
        {
            sink.OnAlert(TestAlerts.Make(TrafficWatch.Detection.AlertSeverity.High));
            Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(20)));
        }

        var mail = Assert.Single(server.Received);
        Assert.True(mail.Secure);
        Assert.Equal(User, mail.AuthenticatedUser);
        Assert.Equal([expected], server.AuthMethods);
    }

    [Fact]
    public async Task Implicit_tls_with_a_pinned_thumbprint_delivers()
    {
        await using var server = await TestSmtpServer.StartAsync(new TestSmtpServerSettings { Certificate = _certificate, ImplicitTls = true });
        var options = Secure(server.Port, EmailSecurity.Tls, EmailAuthMechanism.Auto);
        options.Username = null;
        options.Password = null;
        options.TrustedCertificateThumbprint = string.Join(':', Convert.ToHexString(_certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c)));

        await using (var sink = new EmailAlertSink(options))
        {
            sink.OnAlert(TestAlerts.Make(TrafficWatch.Detection.AlertSeverity.High));
            Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(20)));
        }

        Assert.True(Assert.Single(server.Received).Secure);
    }

    [Fact]
    public async Task An_unpinned_self_signed_certificate_is_refused_and_the_mail_stays_in_the_outbox()
    {
        await using var server = await TestSmtpServer.StartAsync(new TestSmtpServerSettings { Certificate = _certificate, Login = (User, Password) });
        var logger = new TestLogger<EmailAlertSink>();
        var options = Secure(server.Port, EmailSecurity.StartTls, EmailAuthMechanism.Auto);

        await using (var sink = new EmailAlertSink(options, logger))
        {
            sink.OnAlert(TestAlerts.Make(TrafficWatch.Detection.AlertSeverity.High));
            await Eventually.True(() => sink.Counters.FailedAttempts >= 2, "two failed attempts");
            Assert.Equal(0, sink.Counters.Sent);
            Assert.Equal(1, sink.Counters.Queued);
        }

        Assert.Empty(server.Received);
        Assert.Empty(server.AuthMethods); // the password never left
        var sha256 = Convert.ToHexString(_certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256));
        Assert.Contains(logger.Entries, e => e.Id.Id == 5203 && e.Text.Contains(sha256, StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(options.OutboxDirectory, "*.eml"));
    }

    [Fact]
    public async Task A_rejected_password_is_retried_and_never_appears_in_the_log_or_the_test_reply()
    {
        await using var server = await TestSmtpServer.StartAsync(new TestSmtpServerSettings { Certificate = _certificate, Login = (User, "another password") });
        var logger = new TestLogger<EmailAlertSink>();
        var options = Secure(server.Port, EmailSecurity.StartTls, EmailAuthMechanism.Login);
        options.TrustedCertificateFile = TestCertificate.WritePem(_certificate, _dir.File("server.pem"));

        await using (var sink = new EmailAlertSink(options, logger))
        {
            sink.OnAlert(TestAlerts.Make(TrafficWatch.Detection.AlertSeverity.High));
            await Eventually.True(() => sink.Counters.FailedAttempts >= 2, "two failed attempts");
            Assert.Equal(1, sink.Counters.Queued);
        }
        var test = await EmailTester.SendAsync(options, null, CancellationToken.None);

        Assert.Empty(server.Received);
        Assert.False(test.Success);
        Assert.Contains("authentication failed", test.Line, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(logger.Entries, e => e.Id.Id == 5203 && e.Text.Contains("authentication failed", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Password, logger.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, test.Line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, string.Join(" ", options.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_username_without_tls_is_refused_by_validation()
    {
        var options = TestAlerts.Options(25, _dir.File("outbox"));
        options.Username = User;
        options.Password = Password;

        var problems = options.Validate();

        Assert.Contains(problems, p => p.Contains("Email:Username needs Email:Security StartTls or Tls", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new EmailAlertSink(options));
    }

    [Fact]
    public void A_trusted_certificate_file_that_is_not_a_certificate_is_a_validation_problem()
    {
        var options = Secure(465, EmailSecurity.Tls, EmailAuthMechanism.Auto);
        options.TrustedCertificateFile = _dir.File("not-a-cert.pem");
        File.WriteAllText(options.TrustedCertificateFile, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        Assert.Contains(options.Validate(), p => p.EndsWith("not a certificate (PEM or DER).", StringComparison.Ordinal));
    }

    private EmailOptions Secure(int port, EmailSecurity security, EmailAuthMechanism mechanism)
    {
        var options = TestAlerts.Options(port, _dir.File("outbox"));
        options.Security = security;
        options.Username = User;
        options.Password = Password;
        options.AuthMechanism = mechanism;
        return options;
    }
}
