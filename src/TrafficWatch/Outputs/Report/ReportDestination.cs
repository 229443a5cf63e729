namespace TrafficWatch.Outputs.Report;

/// <summary>One external address and port a device talked to, with what is known about it.</summary>
public sealed record ReportDestination
{
    /// <summary>IPv4-mapped for IPv4.</summary>
    public required UInt128 Address { get; init; }

    public ushort Port { get; init; }

    /// <summary>Name from DNS, SNI or HTTP (hostile), or null.</summary>
    public string? Name { get; init; }

    /// <summary>How the name was learned: <c>dns</c>, <c>sni</c>, <c>http</c>; null when no name.</summary>
    public string? NameSource { get; init; }

    /// <summary>ISO 3166-1 alpha-2, or null.</summary>
    public string? Country { get; init; }

    public uint? Asn { get; init; }

    public string? AsnOrganization { get; init; }

    public long BytesOut { get; init; }

    public long BytesIn { get; init; }

    public long Flows { get; init; }
}
