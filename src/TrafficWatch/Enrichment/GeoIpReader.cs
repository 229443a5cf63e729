using MaxMind.Db;
using MaxMind.GeoIP2;
using MaxMind.GeoIP2.Responses;

namespace TrafficWatch.Enrichment;

/// <summary>
/// One opened .mmdb file in one role. Owns its <see cref="DatabaseReader"/> (memory-mapped, thread-safe). A database
/// found corrupt during a lookup is switched off with one warning: bad files degrade, they never throw into the flow thread.
/// </summary>
internal sealed class GeoIpReader : IDisposable
{
    private readonly DatabaseReader _reader;
    private readonly Action<string> _warn;
    private readonly bool _isCity;
    private readonly bool _isEnterprise;
    private readonly bool _isIsp;
    private volatile bool _broken;

    private GeoIpReader(DatabaseReader reader, GeoIpDatabaseInfo info, Action<string> warn)
    {
        _reader = reader;
        _warn = warn;
        Info = info;
        _isEnterprise = info.DatabaseType.Contains("Enterprise", StringComparison.OrdinalIgnoreCase);
        _isCity = _isEnterprise || info.DatabaseType.Contains("City", StringComparison.OrdinalIgnoreCase);
        _isIsp = info.DatabaseType.Contains("ISP", StringComparison.OrdinalIgnoreCase);
    }

    public GeoIpDatabaseInfo Info { get; }

    public bool IsBroken => _broken;

    /// <summary>Opens <paramref name="path"/> for <paramref name="kind"/>; null (with one warning) when it cannot serve.</summary>
    public static GeoIpReader? TryOpen(GeoIpDatabaseKind kind, string path, Action<string> warn)
    {
        var role = RoleName(kind);
        if (!File.Exists(path))
        {
            warn($"GeoIP {role} database {path}: file not found; destinations will have no {role} information");
            return null;
        }
        DatabaseReader reader;
        try
        {
            reader = new DatabaseReader(path, FileAccessMode.MemoryMapped);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex))
        {
            warn($"GeoIP {role} database {path}: cannot be opened ({ex.Message}); destinations will have no {role} information");
            return null;
        }
        var type = reader.Metadata.DatabaseType ?? string.Empty;
        if (!Serves(kind, type))
        {
            reader.Dispose();
            warn($"GeoIP {role} database {path}: is a '{type}' database, which has no {role} data; ignored");
            return null;
        }
        var built = ToBuildDate(reader.Metadata);
        return new GeoIpReader(reader, new GeoIpDatabaseInfo(kind, path, type, built), warn);
    }

    /// <summary>Country ISO code (located, else registered country), or null.</summary>
    public string? Country(System.Net.IPAddress address)
    {
        var response = Query(address, static (r, a, city, enterprise) =>
        {
            if (enterprise)
            {
                return r.TryEnterprise(a, out var e) ? e : null;
            }
            if (city)
            {
                return r.TryCity(a, out var c) ? c : null;
            }
            return r.TryCountry(a, out var country) ? (AbstractCountryResponse?)country : null;
        });
        return response is null ? null : Iso(response.Country.IsoCode) ?? Iso(response.RegisteredCountry.IsoCode);
    }

    /// <summary>English city name, or null.</summary>
    public string? City(System.Net.IPAddress address)
    {
        var response = Query(address, static (r, a, _, enterprise) =>
            enterprise
                ? (r.TryEnterprise(a, out var e) ? e : null)
                : (r.TryCity(a, out var c) ? (AbstractCityResponse?)c : null));
        var name = response?.City.Name;
        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>AS number and organisation; number null when unknown.</summary>
    public (uint? Asn, string? Organization) Asn(System.Net.IPAddress address)
    {
        if (_isIsp)
        {
            var isp = Query(address, static (r, a, _, _) => r.TryIsp(a, out var i) ? i : null);
            return isp is null ? (null, null) : (ToAsn(isp.AutonomousSystemNumber), Blank(isp.AutonomousSystemOrganization));
        }
        var asn = Query(address, static (r, a, _, _) => r.TryAsn(a, out var i) ? i : null);
        return asn is null ? (null, null) : (ToAsn(asn.AutonomousSystemNumber), Blank(asn.AutonomousSystemOrganization));
    }

    private T? Query<T>(System.Net.IPAddress address, Func<DatabaseReader, System.Net.IPAddress, bool, bool, T?> lookup)
        where T : class
    {
        if (_broken)
        {
            return null;
        }
        try
        {
            return lookup(_reader, address, _isCity, _isEnterprise);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex))
        {
            _broken = true;
            _warn($"GeoIP {RoleName(Info.Kind)} database {Info.Path}: corrupt ({ex.Message}); switched off, destinations will have no {RoleName(Info.Kind)} information");
            return null;
        }
    }

    private static bool Serves(GeoIpDatabaseKind kind, string type) => kind switch
    {
        GeoIpDatabaseKind.Country => type.Contains("Country", StringComparison.OrdinalIgnoreCase)
            || type.Contains("City", StringComparison.OrdinalIgnoreCase)
            || type.Contains("Enterprise", StringComparison.OrdinalIgnoreCase),
        GeoIpDatabaseKind.Asn => type.Contains("ASN", StringComparison.OrdinalIgnoreCase)
            || type.Contains("ISP", StringComparison.OrdinalIgnoreCase),
        _ => type.Contains("City", StringComparison.OrdinalIgnoreCase)
            || type.Contains("Enterprise", StringComparison.OrdinalIgnoreCase),
    };

    // A corrupt file surfaces as InvalidDatabaseException, but also as the raw exceptions of a decoder reading garbage.
    private static bool IsDatabaseFailure(Exception ex) => ex is InvalidDatabaseException or DeserializationException
        or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException
        or IndexOutOfRangeException or InvalidCastException or OverflowException or FormatException or NotSupportedException;

    private static DateTimeOffset ToBuildDate(Metadata metadata)
    {
        try
        {
            return new DateTimeOffset(DateTime.SpecifyKind(metadata.BuildDate, DateTimeKind.Utc));
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateTimeOffset.UnixEpoch;                         // build_epoch beyond DateTime's range (a bad file)
        }
    }

    private static string RoleName(GeoIpDatabaseKind kind) => kind switch
    {
        GeoIpDatabaseKind.Country => "country",
        GeoIpDatabaseKind.Asn => "ASN",
        _ => "city",
    };

    private static string? Iso(string? code) => code is { Length: 2 } ? code : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static uint? ToAsn(long? number) => number is > 0 and <= uint.MaxValue ? (uint)number.Value : null;

    public void Dispose() => _reader.Dispose();
}
