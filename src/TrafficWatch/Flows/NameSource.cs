namespace TrafficWatch.Flows;

/// <summary>How a destination's name was learned (EVE field <c>dest_name_source</c>).</summary>
public enum NameSource : byte
{
    None,
    /// <summary>A DNS answer the same client received before the flow started.</summary>
    Dns,
    /// <summary>The TLS ClientHello's server_name.</summary>
    Sni,
    /// <summary>The HTTP request's Host header.</summary>
    Http,
}
