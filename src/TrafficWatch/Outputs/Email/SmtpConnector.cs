using System.Net;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using TrafficWatch.Outputs.Metrics;

namespace TrafficWatch.Outputs.Email;

/// <summary>
/// Opens an authenticated SMTP session with the configured security: STARTTLS (required, not opportunistic) or
/// implicit TLS, certificate validation through <see cref="ServerCertificateTrust"/>, then AUTH with the configured
/// mechanism. Shared by the sender and <c>trafficwatch email test</c>.
/// </summary>
internal sealed class SmtpConnector
{
    private readonly EmailOptions _options;
    private readonly ServerCertificateTrust _trust;

    public SmtpConnector(EmailOptions options)
    {
        _options = options;
        _trust = new ServerCertificateTrust(options);
        Masker = new SecretMasker(options.Password);
    }

    public SecretMasker Masker { get; }

    /// <summary><c>host:port (security)</c> for logs; no credentials.</summary>
    public string Describe() => $"{_options.Host}:{_options.EffectivePort} ({_options.Security})";

    public async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient
        {
            Timeout = (int)_options.Timeout.TotalMilliseconds,
            CheckCertificateRevocation = _options.CheckCertificateRevocation,
            ServerCertificateValidationCallback = _trust.Validate,
        };
        try
        {
            var security = _options.Security switch
            {
                EmailSecurity.Tls => SecureSocketOptions.SslOnConnect,
                EmailSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(_options.Host ?? string.Empty, _options.EffectivePort, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(_options.Username))
            {
                var credentials = new NetworkCredential(_options.Username, _options.Password ?? string.Empty);
                switch (_options.AuthMechanism)
                {
                    case EmailAuthMechanism.Plain:
                        await client.AuthenticateAsync(new SaslMechanismPlain(Encoding.UTF8, credentials), cancellationToken).ConfigureAwait(false);
                        break;
                    case EmailAuthMechanism.Login:
                        await client.AuthenticateAsync(new SaslMechanismLogin(Encoding.UTF8, credentials), cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await client.AuthenticateAsync(Encoding.UTF8, credentials, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>One line for the log or the console explaining a failure, with the password masked.</summary>
    public string Reason(Exception exception)
    {
        var text = exception switch
        {
            SslHandshakeException when _trust.LastRejection is { } rejection
                => $"TLS handshake failed: {rejection} (pin it with Email:TrustedCertificateThumbprint if it is yours)",
            SmtpCommandException smtp => $"server replied {(int)smtp.StatusCode}: {smtp.Message}",
            SmtpProtocolException protocol => $"SMTP protocol error: {protocol.Message}",
            AuthenticationException auth => $"authentication failed: {auth.Message}",
            System.Net.Sockets.SocketException socket => $"{Describe()}: {socket.Message}",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
        return MailText.Line(Masker.Apply(text), 512);
    }
}
