namespace TrafficWatch.Outputs.Report;

/// <summary>
/// Chart data: bytes per interval (the <c>i</c>-th value covers <c>[Start + i·IntervalSeconds, Start + (i+1)·IntervalSeconds)</c>)
/// per zone and per flagged device (a device with at least one alert), and outbound bytes by destination country.
/// </summary>
public sealed record ReportSeries
{
    public PacketTime Start { get; init; }

    public int IntervalSeconds { get; init; } = 60;

    public IReadOnlyList<ReportSeriesLine> Zones { get; init; } = [];

    public IReadOnlyList<ReportSeriesLine> FlaggedDevices { get; init; } = [];

    /// <summary>Largest first; <c>null</c>/unknown countries under the code <c>??</c>.</summary>
    public IReadOnlyList<ReportCountryBytes> OutboundByCountry { get; init; } = [];
}
