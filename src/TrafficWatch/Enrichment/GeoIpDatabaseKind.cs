namespace TrafficWatch.Enrichment;

/// <summary>Which role a GeoIP database plays in <see cref="GeoIpDatabases"/>.</summary>
public enum GeoIpDatabaseKind : byte
{
    /// <summary>GeoLite2-Country / GeoIP2-Country (a City or Enterprise database also answers countries).</summary>
    Country,

    /// <summary>GeoLite2-ASN (or GeoIP2-ISP).</summary>
    Asn,

    /// <summary>GeoLite2-City / GeoIP2-City / GeoIP2-Enterprise.</summary>
    City,
}
