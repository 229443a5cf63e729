using System.Diagnostics.CodeAnalysis;
using TrafficWatch.Decode;

namespace TrafficWatch.Enrichment;

/// <summary>
/// The configured GeoIP databases (country, ASN, city; each optional), one shared memory-mapped reader each, behind a
/// bounded per-address cache. Lookups never throw: an address that is not in a database, a database that is missing,
/// unreadable or corrupt, all give an empty answer; each broken database is reported once through
/// <see cref="Warnings"/> (and the callback given to <see cref="Open"/>).
/// Thread-safe; meant to be called when a flow starts (a cache hit allocates nothing; a miss allocates the reader's
/// response objects once per address).
/// </summary>
public sealed class GeoIpDatabases : IDisposable
{
    /// <summary>Default number of addresses kept in the young cache generation (the cache holds up to twice this).</summary>
    public const int DefaultCacheCapacity = 65_536;

    private readonly GeoIpReader? _country;
    private readonly GeoIpReader? _asn;
    private readonly GeoIpReader? _city;
    private readonly GeoLookupCache _cache;
    private readonly List<string> _warnings = [];
    private readonly Lock _warningsLock = new();
    private readonly Action<string>? _onWarning;

    private GeoIpDatabases(string? countryPath, string? asnPath, string? cityPath, int cacheCapacity, Action<string>? onWarning)
    {
        _onWarning = onWarning;
        _cache = new GeoLookupCache(cacheCapacity);
        _country = OpenReader(GeoIpDatabaseKind.Country, countryPath);
        _asn = OpenReader(GeoIpDatabaseKind.Asn, asnPath);
        _city = OpenReader(GeoIpDatabaseKind.City, cityPath);
        Databases = new[] { _country, _asn, _city }.OfType<GeoIpReader>().Select(static r => r.Info).ToArray();
    }

    /// <summary>No databases: every lookup is empty, no warnings.</summary>
    public static GeoIpDatabases None { get; } = new(null, null, null, 1, null);

    /// <summary>
    /// Opens the databases that have a path (null or empty = not configured, no warning). A path that is missing,
    /// unreadable, corrupt or of the wrong type adds one warning and that role stays empty; nothing throws.
    /// </summary>
    /// <param name="countryPath">GeoLite2-Country / GeoIP2-Country (a City database also works here).</param>
    /// <param name="asnPath">GeoLite2-ASN (or GeoIP2-ISP).</param>
    /// <param name="cityPath">GeoLite2-City / GeoIP2-City; also answers countries when no country database is given.</param>
    /// <param name="cacheCapacity">Addresses per cache generation.</param>
    /// <param name="onWarning">Called once per warning, now and when a database is later found corrupt.</param>
    public static GeoIpDatabases Open(string? countryPath, string? asnPath, string? cityPath,
        int cacheCapacity = DefaultCacheCapacity, Action<string>? onWarning = null)
        => new(countryPath, asnPath, cityPath, cacheCapacity, onWarning);

    /// <summary>The databases that opened, with type and build date (for reports and EVE).</summary>
    public IReadOnlyList<GeoIpDatabaseInfo> Databases { get; }

    /// <summary>Warnings so far (missing/unreadable/corrupt databases), one per database.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warningsLock)
            {
                return [.. _warnings];
            }
        }
    }

    public bool HasCountry => _country is not null || _city is not null;

    public bool HasAsn => _asn is not null;

    public bool HasCity => _city is not null;

    public long CacheHits => _cache.Hits;

    public long CacheMisses => _cache.Misses;

    /// <summary>Addresses held in the cache now (at most twice the capacity).</summary>
    internal int CacheCount => _cache.Count;

    /// <summary>E.g. <c>GeoLite2-Country built 2025-06-03, GeoLite2-ASN built 2025-06-03</c>; "no GeoIP databases" when none.</summary>
    public string Describe() => Databases.Count == 0 ? "no GeoIP databases" : string.Join(", ", Databases);

    /// <summary>Everything known about <paramref name="address"/> (an <see cref="IpAddr"/> value); <see cref="DestinationGeo.Empty"/> when nothing.</summary>
    public DestinationGeo Lookup(UInt128 address)
    {
        if (_country is null && _asn is null && _city is null)
        {
            return DestinationGeo.Empty;
        }
        if (_cache.TryGet(address, out var cached))
        {
            return cached;
        }
        var geo = Query(address);
        _cache.Add(address, geo);
        return geo;
    }

    public bool TryCountry(UInt128 address, [NotNullWhen(true)] out string? isoCode)
    {
        isoCode = Lookup(address).Country;
        return isoCode is not null;
    }

    public bool TryAsn(UInt128 address, out uint asn, out string? organization)
    {
        var geo = Lookup(address);
        asn = geo.Asn ?? 0;
        organization = geo.AsnOrganization;
        return geo.Asn is not null;
    }

    public bool TryCity(UInt128 address, [NotNullWhen(true)] out string? city)
    {
        city = Lookup(address).City;
        return city is not null;
    }

    private DestinationGeo Query(UInt128 address)
    {
        var ip = IpAddr.ToIPAddress(address);
        var country = _country?.Country(ip);
        if (country is null && _city is not null && (_country is null || _country.IsBroken))
        {
            country = _city.Country(ip);
        }
        var (asn, organization) = _asn?.Asn(ip) ?? (null, null);
        var city = _city?.City(ip);
        return country is null && asn is null && organization is null && city is null
            ? DestinationGeo.Empty
            : new DestinationGeo(country, asn, organization, city);
    }

    private GeoIpReader? OpenReader(GeoIpDatabaseKind kind, string? path)
        => string.IsNullOrWhiteSpace(path) ? null : GeoIpReader.TryOpen(kind, path, Warn);

    private void Warn(string message)
    {
        lock (_warningsLock)
        {
            _warnings.Add(message);
        }
        _onWarning?.Invoke(message);
    }

    public void Dispose()
    {
        _country?.Dispose();
        _asn?.Dispose();
        _city?.Dispose();
    }
}
