namespace TrafficWatch.Decode.App;

/// <summary>
/// One resource record from the answer, authority or additional section. What the RDATA holds depends on
/// <see cref="Type"/>: <see cref="Address"/> for A/AAAA, <see cref="Target"/> for CNAME/PTR/NS/SRV (and MX's
/// exchange), <see cref="DataLength"/> for everything (for TXT that is the only thing kept).
/// </summary>
public sealed record DnsRecord
{
    /// <summary>Owner name, escaped as described on <see cref="DnsNameReader"/>.</summary>
    public required string Name { get; init; }

    public required ushort Type { get; init; }

    /// <summary>CLASS without its top bit (for OPT this is the advertised UDP size, also without its top bit).</summary>
    public required ushort Class { get; init; }

    /// <summary>mDNS cache-flush bit (top bit of CLASS, RFC 6762 §10.2); kept but not interpreted.</summary>
    public bool CacheFlush { get; init; }

    public required uint Ttl { get; init; }

    public required DnsSection Section { get; init; }

    /// <summary>RDLENGTH.</summary>
    public required int DataLength { get; init; }

    /// <summary>A (IPv4-mapped, see <see cref="IpAddr"/>) or AAAA address; zero for other types.</summary>
    public UInt128 Address { get; init; }

    /// <summary>Name carried in RDATA: CNAME, PTR, NS, MX exchange, SRV target; null otherwise.</summary>
    public string? Target { get; init; }

    /// <summary>SRV port; 0 for other types.</summary>
    public ushort Port { get; init; }

    public bool HasAddress => Type is DnsRecordType.A or DnsRecordType.Aaaa;
}
