using System.Globalization;

namespace TrafficWatch.Enrichment;

/// <summary>
/// An opened GeoIP database, for reports and EVE output: a replay's verdicts can only be reproduced with the same
/// database build, so outputs record <see cref="DatabaseType"/> and <see cref="BuildDate"/>.
/// </summary>
/// <param name="Kind">The role it was configured for.</param>
/// <param name="Path">The file as configured.</param>
/// <param name="DatabaseType">The database's own <c>database_type</c> metadata, e.g. <c>GeoLite2-ASN</c>.</param>
/// <param name="BuildDate">The database's <c>build_epoch</c> metadata, UTC.</param>
public sealed record GeoIpDatabaseInfo(GeoIpDatabaseKind Kind, string Path, string DatabaseType, DateTimeOffset BuildDate)
{
    /// <summary>E.g. <c>GeoLite2-ASN built 2025-06-03</c>.</summary>
    public override string ToString()
        => $"{DatabaseType} built {BuildDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
