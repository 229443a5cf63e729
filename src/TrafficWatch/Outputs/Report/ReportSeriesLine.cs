namespace TrafficWatch.Outputs.Report;

/// <summary>One line of a chart: a label (zone name, or a device's name and MAC; hostile) and bytes per interval.</summary>
public sealed record ReportSeriesLine
{
    public required string Label { get; init; }

    public IReadOnlyList<long> Bytes { get; init; } = [];
}
