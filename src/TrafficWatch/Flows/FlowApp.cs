namespace TrafficWatch.Flows;

/// <summary>
/// What is known about a flow beyond its counters: the destination's name, and what the application layer said
/// (from its first messages): the TLS ClientHello's name and
/// fingerprints, the HTTP request's host and agent. Allocated only for flows that have any; strings came off
/// the wire and are hostile (escape them on output).
/// </summary>
public sealed class FlowApp
{
    /// <summary>Name of the responder (from DNS, SNI or HTTP Host), or null; see <see cref="DestNameSource"/>.</summary>
    public string? DestName { get; internal set; }
    public NameSource DestNameSource { get; internal set; }

    /// <summary>Suricata-style app_proto: <c>tls</c>, <c>http</c>, <c>dns</c>, <c>dhcp</c> ... or null.</summary>
    public string? Protocol { get; set; }
    public string? Sni { get; set; }
    public string? Ja3 { get; set; }
    public string? Ja3Hash { get; set; }
    public string? Ja4 { get; set; }
    public string? HttpHost { get; set; }
    public string? HttpUserAgent { get; set; }
    public string? HttpMethod { get; set; }
    public string? HttpUri { get; set; }
    /// <summary>The HTTP request carried Basic credentials (cleartext password).</summary>
    public bool HttpBasicAuth { get; set; }
}
