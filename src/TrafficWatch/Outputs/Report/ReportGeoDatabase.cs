namespace TrafficWatch.Outputs.Report;

/// <summary>A GeoIP database the replay used: its <c>database_type</c> metadata and build time (<c>build_epoch</c>).</summary>
public sealed record ReportGeoDatabase
{
    /// <summary>E.g. <c>GeoLite2-Country</c>, <c>GeoLite2-ASN</c>.</summary>
    public required string DatabaseType { get; init; }

    public required DateTimeOffset BuildTime { get; init; }
}
