namespace TrafficWatch.Decode.App.Tls;

/// <summary>Outcome of parsing (or accumulating) the first client payload of a TCP flow as a TLS ClientHello.</summary>
public enum TlsParseStatus
{
    /// <summary>A whole ClientHello was parsed; the result is set.</summary>
    Complete,
    /// <summary>So far a valid prefix of a ClientHello: more bytes (the next TCP segments) are needed.</summary>
    NeedMore,
    /// <summary>Not a TLS handshake record carrying a ClientHello (another protocol, or another TLS message).</summary>
    NotTls,
    /// <summary>A TLS ClientHello whose lengths are inconsistent, or larger than the parser's bounds.</summary>
    Malformed,
}
