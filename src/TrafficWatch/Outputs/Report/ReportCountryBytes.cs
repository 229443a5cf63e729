namespace TrafficWatch.Outputs.Report;

/// <summary>Bytes sent by internal devices to addresses GeoIP places in <see cref="Country"/> (ISO code, <c>??</c> when unknown).</summary>
public sealed record ReportCountryBytes
{
    public required string Country { get; init; }

    public long Bytes { get; init; }
}
