namespace TrafficWatch.Enrichment;

/// <summary>
/// What GeoIP knows about a destination. Instances are cached and shared: treat them as immutable values.
/// Strings come from the database files (trusted data, but still escape them for HTML/terminal output).
/// </summary>
/// <param name="Country">ISO 3166-1 alpha-2 code of the country the address is located in (or, failing that, registered to).</param>
/// <param name="Asn">Autonomous system number.</param>
/// <param name="AsnOrganization">The AS's organisation, e.g. "Amazon.com, Inc.".</param>
/// <param name="City">English city name, only when a City database is configured.</param>
public sealed record DestinationGeo(string? Country, uint? Asn, string? AsnOrganization, string? City)
{
    /// <summary>Nothing known (address not in the databases, internal, or no database).</summary>
    public static DestinationGeo Empty { get; } = new(null, null, null, null);

    public bool IsEmpty => Country is null && Asn is null && AsnOrganization is null && City is null;
}
