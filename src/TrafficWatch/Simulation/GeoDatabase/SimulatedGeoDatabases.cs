using System.Net;

namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>
/// The simulator's GeoIP databases: a <c>GeoLite2-Country</c>-typed and a <c>GeoLite2-ASN</c>-typed MaxMind DB that
/// place every <see cref="SimulatedDestination"/> in its country and AS, with records shaped like MaxMind's
/// (<c>continent</c>, <c>country</c>, <c>registered_country</c>; <c>autonomous_system_number</c>,
/// <c>autonomous_system_organization</c>), so the enrichment stage reads them with the ordinary GeoIP2 reader.
/// Each destination is a host route (/32, /128): documentation ranges share /24s across countries.
/// </summary>
/// <remarks>
/// The bytes depend only on the destinations and the build time, which is the simulated capture's start (packet
/// time), never the wall clock: the same simulation always writes the same files.
/// </remarks>
public static class SimulatedGeoDatabases
{
    public const string CountryDatabaseType = "GeoLite2-Country";
    public const string AsnDatabaseType = "GeoLite2-ASN";

    /// <summary>Suffix replacing the capture's extension: <c>city.pcap</c> gives <c>city.country.mmdb</c>.</summary>
    public const string CountrySuffix = ".country.mmdb";

    /// <summary>Suffix replacing the capture's extension: <c>city.pcap</c> gives <c>city.asn.mmdb</c>.</summary>
    public const string AsnSuffix = ".asn.mmdb";

    /// <summary>Where <see cref="WriteBeside"/> puts the files for <paramref name="capturePath"/> (its extension replaced).</summary>
    public static (string CountryPath, string AsnPath) PathsFor(string capturePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(capturePath);
        var stem = Path.ChangeExtension(capturePath, null);
        return (stem + CountrySuffix, stem + AsnSuffix);
    }

    /// <summary>
    /// Writes both databases beside <paramref name="capturePath"/> (see <see cref="PathsFor"/>), built at
    /// <paramref name="buildTime"/> (pass <see cref="SimulationResult.StartTime"/>).
    /// </summary>
    /// <param name="capturePath">The simulated capture.</param>
    /// <param name="buildTime">The <c>build_epoch</c> of both files.</param>
    /// <param name="destinations">Defaults to <see cref="SimulatedDestinations.All"/>.</param>
    /// <exception cref="IOException">A file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">A file cannot be written.</exception>
    public static SimulatedGeoFiles WriteBeside(string capturePath, DateTimeOffset buildTime, IReadOnlyList<SimulatedDestination>? destinations = null)
    {
        var (countryPath, asnPath) = PathsFor(capturePath);
        destinations ??= SimulatedDestinations.All;
        BuildCountry(destinations, buildTime).WriteFile(countryPath);
        BuildAsn(destinations, buildTime).WriteFile(asnPath);
        return new SimulatedGeoFiles(countryPath, asnPath, Ordered(destinations).Count);
    }

    /// <summary>A writer holding the country database; call <see cref="MmdbWriter.WriteFile"/> or <see cref="MmdbWriter.Write"/>.</summary>
    public static MmdbWriter BuildCountry(IEnumerable<SimulatedDestination> destinations, DateTimeOffset buildTime)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        var writer = new MmdbWriter(Metadata(CountryDatabaseType, buildTime,
            "TrafficWatch simulator: countries of the simulated external destinations (test data, not real geolocation)"));
        foreach (var destination in Ordered(destinations))
        {
            writer.Insert(destination.Address, HostPrefix(destination.Address), CountryRecord(destination.CountryIsoCode));
        }
        return writer;
    }

    /// <summary>A writer holding the ASN database; call <see cref="MmdbWriter.WriteFile"/> or <see cref="MmdbWriter.Write"/>.</summary>
    public static MmdbWriter BuildAsn(IEnumerable<SimulatedDestination> destinations, DateTimeOffset buildTime)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        var writer = new MmdbWriter(Metadata(AsnDatabaseType, buildTime,
            "TrafficWatch simulator: autonomous systems of the simulated external destinations (test data)"));
        foreach (var destination in Ordered(destinations))
        {
            writer.Insert(destination.Address, HostPrefix(destination.Address), AsnRecord(destination.Asn, destination.Organisation));
        }
        return writer;
    }

    /// <summary>A GeoLite2-Country record: <c>continent</c> (when known), <c>country</c> and <c>registered_country</c>.</summary>
    public static Dictionary<string, object> CountryRecord(string isoCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(isoCode);
        var country = CountryMap(isoCode);
        var record = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["country"] = country,
            ["registered_country"] = country,
        };
        if (GeoCountries.TryGet(isoCode, out var known) && GeoCountries.TryGetContinent(known.ContinentCode, out var continent))
        {
            record["continent"] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["code"] = continent.Code,
                ["geoname_id"] = continent.GeoNameId,
                ["names"] = new Dictionary<string, object>(StringComparer.Ordinal) { ["en"] = continent.EnglishName },
            };
        }
        return record;
    }

    /// <summary>A GeoLite2-ASN record.</summary>
    public static Dictionary<string, object> AsnRecord(int asn, string organisation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(asn);
        ArgumentNullException.ThrowIfNull(organisation);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["autonomous_system_number"] = (uint)asn,
            ["autonomous_system_organization"] = organisation,
        };
    }

    private static Dictionary<string, object> CountryMap(string isoCode)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal) { ["iso_code"] = isoCode };
        if (GeoCountries.TryGet(isoCode, out var known))
        {
            map["geoname_id"] = known.GeoNameId;
            map["names"] = new Dictionary<string, object>(StringComparer.Ordinal) { ["en"] = known.EnglishName };
            if (known.IsInEuropeanUnion)
            {
                map["is_in_european_union"] = true;
            }
        }
        else
        {
            map["names"] = new Dictionary<string, object>(StringComparer.Ordinal) { ["en"] = isoCode };
        }
        return map;
    }

    private static MmdbMetadata Metadata(string databaseType, DateTimeOffset buildTime, string description) => new()
    {
        DatabaseType = databaseType,
        BuildEpoch = (ulong)Math.Max(0, buildTime.ToUnixTimeSeconds()),
        Languages = ["en"],
        Description = new Dictionary<string, string>(StringComparer.Ordinal) { ["en"] = description },
    };

    private static int HostPrefix(IPAddress address) => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;

    /// <summary>Distinct addresses in byte order (IPv4 first), so the file does not depend on the list's order.</summary>
    private static List<SimulatedDestination> Ordered(IEnumerable<SimulatedDestination> destinations)
    {
        var byAddress = new SortedDictionary<string, SimulatedDestination>(StringComparer.Ordinal);
        foreach (var destination in destinations)
        {
            var bytes = destination.Address.GetAddressBytes();
            var key = (bytes.Length == 4 ? "4:" : "6:") + Convert.ToHexString(bytes);
            byAddress.TryAdd(key, destination);
        }
        return [.. byAddress.Values];
    }
}
