namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>
/// What a MaxMind DB file says about itself. <c>node_count</c>, <c>record_size</c>, <c>ip_version</c> (always 6)
/// and the format version (2.0) are filled in by <see cref="MmdbWriter"/>.
/// </summary>
public sealed class MmdbMetadata
{
    /// <summary>
    /// <c>database_type</c>, e.g. <c>GeoLite2-Country</c> or <c>GeoLite2-ASN</c>. Readers use it to decide which
    /// lookups a file supports (GeoIP2's <c>DatabaseReader.TryCountry</c> wants it to contain "Country").
    /// </summary>
    public required string DatabaseType { get; init; }

    /// <summary><c>build_epoch</c>: when the data was built, in Unix seconds. Pass packet time, not the wall clock, for reproducible files.</summary>
    public required ulong BuildEpoch { get; init; }

    /// <summary><c>languages</c>: locale codes that may appear in <c>names</c> maps. Defaults to <c>en</c>.</summary>
    public IReadOnlyList<string> Languages { get; init; } = ["en"];

    /// <summary><c>description</c>: language code to text.</summary>
    public IReadOnlyDictionary<string, string> Description { get; init; } = new Dictionary<string, string>();
}
