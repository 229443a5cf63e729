namespace TrafficWatch.Decode.App.Http;

/// <summary>
/// The head of one HTTP/1.x request, as far as it was parsed. Credentials are never kept: only the scheme of an
/// Authorization header, so a cleartext Basic login can be flagged.
/// </summary>
public sealed class HttpRequest : IAppMessage
{
    public required string Method { get; init; }

    public required string Uri { get; init; }

    /// <summary>"HTTP/1.0" or "HTTP/1.1"; only a prefix of it (possibly empty) when the request line itself was cut short.</summary>
    public required string Version { get; init; }

    /// <summary>First Host header value, or null.</summary>
    public string? Host { get; internal set; }

    /// <summary>First User-Agent header value, or null.</summary>
    public string? UserAgent { get; internal set; }

    /// <summary>Scheme token of the first Authorization header ("Basic", "Digest", "Bearer" ...), never its credentials.</summary>
    public string? AuthorizationScheme { get; internal set; }

    /// <summary>Scheme token of the first Proxy-Authorization header, never its credentials.</summary>
    public string? ProxyAuthorizationScheme { get; internal set; }

    /// <summary>True when Authorization or Proxy-Authorization uses the Basic scheme (credentials in clear text).</summary>
    public bool HasBasicCredentials =>
        string.Equals(AuthorizationScheme, "Basic", StringComparison.OrdinalIgnoreCase)
        || string.Equals(ProxyAuthorizationScheme, "Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>Header lines parsed.</summary>
    public int HeaderCount { get; internal set; }

    /// <summary>True when the empty line ending the head was reached.</summary>
    public bool HeadersComplete { get; internal set; }
}
