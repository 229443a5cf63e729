namespace TrafficWatch.Outputs.Metrics;

/// <summary>Configuration section <c>Influx</c>. When <see cref="Url"/> is empty, metrics go to a line-protocol
/// file (<see cref="LineProtocolFileWriter"/>) instead.</summary>
public sealed class InfluxOptions
{
    public const string Section = "Influx";

    /// <summary>Base URL, e.g. <c>http://influxdb:8086</c>. No credentials in it: use Username/Password/Token.</summary>
    public string? Url { get; set; }

    public InfluxProtocol Protocol { get; set; } = InfluxProtocol.Auto;

    /// <summary>v1 database. Defaults to <c>trafficwatch</c>.</summary>
    public string Database { get; set; } = "trafficwatch";

    /// <summary>v1 retention policy; empty means the database default.</summary>
    public string? RetentionPolicy { get; set; }

    /// <summary>v1 user (sent with HTTP basic auth, never in the URL).</summary>
    public string? Username { get; set; }

    /// <summary>v1 password. A secret: never logged.</summary>
    public string? Password { get; set; }

    /// <summary>API token (v2, or v1 with <c>Authorization: Token</c>). A secret: never logged.</summary>
    public string? Token { get; set; }

    public string? Org { get; set; }

    public string? Bucket { get; set; }

    /// <summary>Points per request. Defaults to 5000.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>Longest time a point waits in memory before its batch is cut. Defaults to 1 s.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Points held in memory; beyond this, points go to the spool. Defaults to 100000.</summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>Directory for batches that could not be sent. Defaults to <c>spool/influx</c>.</summary>
    public string SpoolDirectory { get; set; } = Path.Combine("spool", "influx");

    /// <summary>Upper bound of the spool; the oldest batches are dropped (and counted) beyond it. Defaults to 256 MiB.</summary>
    public long SpoolMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Per-request timeout. Defaults to 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per batch before it goes to the spool. Defaults to 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>First retry delay; doubles each attempt, with jitter. Defaults to 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between attempts (also between spool probes). Defaults to 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal bool HasV1Credentials => !string.IsNullOrEmpty(Username);

    /// <summary>Checks the options; returns one line per problem (empty when valid). Never echoes secrets.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Url))
        {
            errors.Add("Influx:Url is required (leave the Influx section out to write a line-protocol file).");
        }
        else if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add("Influx:Url must be an absolute http:// or https:// URL.");
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add("Influx:Url must not contain credentials; use Influx:Username/Password or Influx:Token.");
        }
        if (!Enum.IsDefined(Protocol))
        {
            errors.Add("Influx:Protocol must be auto, v1 or v2.");
        }
        if (Protocol == InfluxProtocol.V1 && string.IsNullOrWhiteSpace(Database))
        {
            errors.Add("Influx:Database is required for protocol v1.");
        }
        if (Protocol == InfluxProtocol.V2)
        {
            if (string.IsNullOrWhiteSpace(Org))
            {
                errors.Add("Influx:Org is required for protocol v2.");
            }
            if (string.IsNullOrWhiteSpace(Bucket))
            {
                errors.Add("Influx:Bucket is required for protocol v2.");
            }
            if (string.IsNullOrEmpty(Token))
            {
                errors.Add("Influx:Token is required for protocol v2.");
            }
        }
        if (!string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password))
        {
            errors.Add("Influx:Password is required when Influx:Username is set.");
        }
        if (string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password))
        {
            errors.Add("Influx:Username is required when Influx:Password is set.");
        }
        if (BatchSize is < 1 or > 1_000_000)
        {
            errors.Add("Influx:BatchSize must be between 1 and 1000000.");
        }
        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add("Influx:FlushInterval must be greater than 0 and at most 10 minutes.");
        }
        if (QueueCapacity < 1)
        {
            errors.Add("Influx:QueueCapacity must be at least 1.");
        }
        if (string.IsNullOrWhiteSpace(SpoolDirectory))
        {
            errors.Add("Influx:SpoolDirectory is required.");
        }
        if (SpoolMaxBytes < 0)
        {
            errors.Add("Influx:SpoolMaxBytes must not be negative (0 disables the spool).");
        }
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add("Influx:Timeout must be greater than 0 and at most 5 minutes.");
        }
        if (MaxAttempts is < 1 or > 100)
        {
            errors.Add("Influx:MaxAttempts must be between 1 and 100.");
        }
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            errors.Add("Influx:RetryBaseDelay must be greater than 0 and not above Influx:RetryMaxDelay.");
        }
        return errors;
    }
}
