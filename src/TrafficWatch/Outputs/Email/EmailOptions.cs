using MimeKit;
using TrafficWatch.Detection;

namespace TrafficWatch.Outputs.Email;

/// <summary>
/// Configuration section <c>Email</c>: the SMTP server, the routes, digests and caps, and the outbox. Alert
/// windows and caps run in packet time; only the sender's retry backoff uses the wall clock.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The Grafana dashboard the mails link to (shipped in <c>grafana/dashboards</c>).</summary>
    public const string DeviceDashboardUid = "trafficwatch-device";

    /// <summary>Turns alert e-mail on. Defaults to false; replays also need <c>--email</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>SMTP server name or address.</summary>
    public string? Host { get; set; }

    /// <summary>
    /// Send what the outbox holds (default true). False composes every mail into <see cref="OutboxDirectory"/> as a
    /// ready-to-send .eml file and sends nothing (the demo, or a sensor with no route to the mail server yet); a later
    /// run with delivery on sends them.
    /// </summary>
    public bool Deliver { get; set; } = true;

    /// <summary>SMTP port; 0 (the default) means 587 for StartTls, 465 for Tls, 25 for None.</summary>
    public int Port { get; set; }

    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;

    /// <summary>Login name; no authentication when empty.</summary>
    public string? Username { get; set; }

    /// <summary>Login password. A secret: never logged, never printed (use TRAFFICWATCH_Email__Password).</summary>
    public string? Password { get; set; }

    public EmailAuthMechanism AuthMechanism { get; set; } = EmailAuthMechanism.Auto;

    /// <summary>A certificate file (PEM or DER) the server may present even when it does not validate (self-signed,
    /// private CA, name mismatch). Certificate validation stays on for every other certificate.</summary>
    public string? TrustedCertificateFile { get; set; }

    /// <summary>SHA-256 (64 hex digits) or SHA-1 (40) thumbprint of a certificate to accept like
    /// <see cref="TrustedCertificateFile"/>. Colons and spaces are ignored.</summary>
    public string? TrustedCertificateThumbprint { get; set; }

    /// <summary>Check revocation lists while validating the server certificate. Defaults to true.</summary>
    public bool CheckCertificateRevocation { get; set; } = true;

    /// <summary>Sender address, e.g. <c>TrafficWatch &lt;trafficwatch@council.example&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>Routes by zone/site and severity; an alert goes to every route that matches.</summary>
    public List<EmailRoute> Routes { get; set; } = [];

    /// <summary>Receives the alerts that no route in <see cref="Routes"/> took (subject to its own MinSeverity).</summary>
    public EmailRoute? DefaultRoute { get; set; }

    /// <summary>Alerts at least this severe are mailed at once; the rest wait for the digest. Defaults to High.</summary>
    public AlertSeverity ImmediateSeverity { get; set; } = AlertSeverity.High;

    /// <summary>Digest window in packet time, aligned to multiples of its length since the epoch. Defaults to 15 minutes.</summary>
    public TimeSpan DigestWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Mails per route per hour of packet time; beyond it alerts are counted and the count is stated in the
    /// next mail. 0 means no cap. Defaults to 20.</summary>
    public int MaxMailsPerHour { get; set; } = 20;

    /// <summary>Directory where composed mails wait until the server accepted them. Defaults to <c>spool/email</c>.</summary>
    public string OutboxDirectory { get; set; } = Path.Combine("spool", "email");

    /// <summary>Grafana base URL, e.g. <c>https://grafana.council.example</c>; no dashboard link when empty.</summary>
    public string? GrafanaUrl { get; set; }

    /// <summary>Text at the start of every subject. Defaults to <c>[TrafficWatch]</c>.</summary>
    public string SubjectPrefix { get; set; } = "[TrafficWatch]";

    /// <summary>Per-command SMTP timeout. Defaults to 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay after a failed delivery; doubles each time, with jitter. Defaults to 2 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest delay between delivery attempts. Defaults to 5 minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    internal int EffectivePort => Port != 0 ? Port : Security switch
    {
        EmailSecurity.Tls => 465,
        EmailSecurity.None => 25,
        _ => 587,
    };

    /// <summary>Every route, the default route last (when configured).</summary>
    internal IReadOnlyList<EmailRoute> AllRoutes => DefaultRoute is null ? Routes : [.. Routes, DefaultRoute];

    /// <summary>Checks the options; one line per problem (empty when valid). Never echoes the password.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            errors.Add("Email:Host is required.");
        }
        else if (Host.Any(char.IsControl) || Host.Contains(' ', StringComparison.Ordinal))
        {
            errors.Add("Email:Host must be a host name or address.");
        }
        if (Port is < 0 or > 65535)
        {
            errors.Add("Email:Port must be between 1 and 65535 (0 for the default of the security mode).");
        }
        if (!Enum.IsDefined(Security))
        {
            errors.Add("Email:Security must be StartTls, Tls or None.");
        }
        if (!Enum.IsDefined(AuthMechanism))
        {
            errors.Add("Email:AuthMechanism must be Auto, Plain or Login.");
        }
        if (!string.IsNullOrEmpty(Username) && Security == EmailSecurity.None)
        {
            errors.Add("Email:Username needs Email:Security StartTls or Tls (the password would cross the network in clear).");
        }
        if (string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password))
        {
            errors.Add("Email:Username is required when Email:Password is set.");
        }
        if (!string.IsNullOrEmpty(TrustedCertificateFile))
        {
            if (!File.Exists(TrustedCertificateFile))
            {
                errors.Add($"Email:TrustedCertificateFile: {TrustedCertificateFile}: no such file.");
            }
            else if (!ServerCertificateTrust.CanLoad(TrustedCertificateFile))
            {
                errors.Add($"Email:TrustedCertificateFile: {TrustedCertificateFile}: not a certificate (PEM or DER).");
            }
        }
        if (!string.IsNullOrEmpty(TrustedCertificateThumbprint)
            && ServerCertificateTrust.NormalizeThumbprint(TrustedCertificateThumbprint) is null)
        {
            errors.Add("Email:TrustedCertificateThumbprint must be 40 (SHA-1) or 64 (SHA-256) hex digits.");
        }
        if (string.IsNullOrWhiteSpace(From) || !MailboxAddress.TryParse(From, out _))
        {
            errors.Add("Email:From must be an e-mail address.");
        }
        if (Routes.Count == 0 && DefaultRoute is null)
        {
            errors.Add("Email: at least one route (Email:Routes or Email:DefaultRoute) is needed.");
        }
        for (var i = 0; i < Routes.Count; i++)
        {
            ValidateRoute(Routes[i], $"Email:Routes:{i}", errors);
        }
        if (DefaultRoute is not null)
        {
            ValidateRoute(DefaultRoute, "Email:DefaultRoute", errors);
        }
        if (!Enum.IsDefined(ImmediateSeverity))
        {
            errors.Add("Email:ImmediateSeverity must be High, Medium or Low.");
        }
        if (DigestWindow < TimeSpan.FromSeconds(1) || DigestWindow > TimeSpan.FromDays(1))
        {
            errors.Add("Email:DigestWindow must be between 1 second and 1 day.");
        }
        if (MaxMailsPerHour < 0)
        {
            errors.Add("Email:MaxMailsPerHour must be 0 (no cap) or positive.");
        }
        if (string.IsNullOrWhiteSpace(OutboxDirectory))
        {
            errors.Add("Email:OutboxDirectory is required.");
        }
        if (!string.IsNullOrEmpty(GrafanaUrl)
            && (!Uri.TryCreate(GrafanaUrl, UriKind.Absolute, out var grafana)
                || (grafana.Scheme != Uri.UriSchemeHttp && grafana.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(grafana.UserInfo)))
        {
            errors.Add("Email:GrafanaUrl must be an absolute http:// or https:// URL without credentials.");
        }
        if (SubjectPrefix.Length > 64 || SubjectPrefix.Any(char.IsControl))
        {
            errors.Add("Email:SubjectPrefix must be at most 64 printable characters.");
        }
        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(10))
        {
            errors.Add("Email:Timeout must be between 1 second and 10 minutes.");
        }
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            errors.Add("Email:RetryBaseDelay must be greater than 0 and not above Email:RetryMaxDelay.");
        }
        return errors;
    }

    private static void ValidateRoute(EmailRoute route, string where, List<string> errors)
    {
        if (route.To.Count == 0)
        {
            errors.Add($"{where}:To needs at least one address.");
        }
        foreach (var to in route.To)
        {
            if (!MailboxAddress.TryParse(to, out _))
            {
                errors.Add($"{where}:To: '{MailText.Header(to, 120)}' is not an e-mail address.");
            }
        }
        if (!Enum.IsDefined(route.MinSeverity))
        {
            errors.Add($"{where}:MinSeverity must be High, Medium or Low.");
        }
        if (route.Name.Length > 64 || route.Name.Any(char.IsControl))
        {
            errors.Add($"{where}:Name must be at most 64 printable characters.");
        }
    }
}
