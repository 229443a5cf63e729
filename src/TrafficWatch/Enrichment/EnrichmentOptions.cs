namespace TrafficWatch.Enrichment;

/// <summary>
/// The <c>Enrichment:</c> configuration section. Every database is optional: with none, destinations simply have no
/// country/ASN, and a configured path that is missing or unreadable gives one warning, never a failure.
/// </summary>
public sealed class EnrichmentOptions
{
    public const string Section = "Enrichment";

    /// <summary>GeoLite2-Country.mmdb or GeoIP2-Country.mmdb (a City database also works). Default: none.</summary>
    public string? CountryDatabase { get; set; }

    /// <summary>GeoLite2-ASN.mmdb (or GeoIP2-ISP.mmdb). Default: none.</summary>
    public string? AsnDatabase { get; set; }

    /// <summary>GeoLite2-City.mmdb or GeoIP2-City.mmdb; adds the city and answers countries if no country database is given.</summary>
    public string? CityDatabase { get; set; }

    /// <summary>Addresses per generation of the lookup cache (it holds at most twice this). Default 65536.</summary>
    public int CacheSize { get; set; } = GeoIpDatabases.DefaultCacheCapacity;

    /// <summary>Opens the configured databases (see <see cref="GeoIpDatabases.Open"/>).</summary>
    public GeoIpDatabases OpenDatabases(Action<string>? onWarning = null)
        => GeoIpDatabases.Open(CountryDatabase, AsnDatabase, CityDatabase, Math.Max(1, CacheSize), onWarning);
}
