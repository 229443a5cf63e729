using System.Globalization;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>Chooses the write API from <c>GET /ping</c>'s <c>X-Influxdb-Version</c> header.</summary>
internal static class InfluxProtocolDetector
{
    public const string VersionHeader = "X-Influxdb-Version";

    /// <summary>1.x (or an unknown version) means v1. 2.x/3.x means v2, unless v1 credentials (Username) are
    /// configured or org/bucket are missing: then the server's v1-compatible /write API is used.</summary>
    public static InfluxProtocol Choose(string? version, InfluxOptions options)
    {
        var major = ParseMajor(version);
        if (major >= 2)
        {
            var v2Ready = !string.IsNullOrEmpty(options.Org) && !string.IsNullOrEmpty(options.Bucket);
            return options.HasV1Credentials || !v2Ready ? InfluxProtocol.V1 : InfluxProtocol.V2;
        }
        if (major < 0 && !options.HasV1Credentials && !string.IsNullOrEmpty(options.Bucket) && !string.IsNullOrEmpty(options.Org))
        {
            return InfluxProtocol.V2;
        }
        return InfluxProtocol.V1;
    }

    /// <summary>"1.6.7~rc0" -> 1, "v2.7.4" -> 2, "3.0.1" -> 3, missing or garbage -> -1.</summary>
    public static int ParseMajor(string? version)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            return -1;
        }
        var span = version.AsSpan().Trim();
        if (span.Length > 0 && (span[0] == 'v' || span[0] == 'V'))
        {
            span = span[1..];
        }
        var end = 0;
        while (end < span.Length && char.IsAsciiDigit(span[end]))
        {
            end++;
        }
        return int.TryParse(span[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : -1;
    }

    /// <summary>Asks the server; returns the version header (null when absent) or throws on network errors.</summary>
    public static async Task<string?> PingAsync(HttpClient http, Uri baseUri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "ping"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
        if ((int)response.StatusCode >= 500)
        {
            throw new HttpRequestException("ping answered HTTP " + (int)response.StatusCode);
        }
        return response.Headers.TryGetValues(VersionHeader, out var values) ? values.FirstOrDefault() : null;
    }
}
