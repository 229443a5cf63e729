namespace TrafficWatch.Outputs.Metrics;

/// <summary>Per-interval metrics (see the README, "Metrics").</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Interval length in seconds of packet time; points are stamped with the interval start.</summary>
    public int IntervalSeconds { get; set; } = 10;

    /// <summary>The <c>sensor</c> tag: which TrafficWatch instance wrote the points. Default: the host name.</summary>
    public string Sensor { get; set; } = Environment.MachineName;

    /// <summary>Council address ranges that count as internal besides RFC 1918, CGNAT, link-local and ULA.</summary>
    public List<string> InternalRanges { get; set; } = [];
}
