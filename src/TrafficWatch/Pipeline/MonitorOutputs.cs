using TrafficWatch.Detection;
using TrafficWatch.Outputs.Eve;
using TrafficWatch.Outputs.Metrics;

namespace TrafficWatch.Pipeline;

/// <summary>Where a monitoring run writes (each optional): EVE JSON, metrics, extra alert sinks such as e-mail.</summary>
public sealed class MonitorOutputs
{
    public EveWriter? Eve { get; init; }
    public IMetricWriter? Metrics { get; init; }
    /// <summary>The <c>sensor</c> tag of every point.</summary>
    public string Sensor { get; init; } = "trafficwatch";
    /// <summary>The <c>interface</c> tag of the <c>sensor</c> points (interface name, or <c>replay</c>).</summary>
    public string Interface { get; init; } = "replay";
    /// <summary>More alert sinks (e-mail ...), after dedup and suppression.</summary>
    public IReadOnlyList<IAlertSink> AlertSinks { get; init; } = [];
    /// <summary>Called on the flow thread at each interval end with its end time (e-mail digests).</summary>
    public Action<PacketTime>? IntervalClosed { get; init; }
    /// <summary>Extra <c>sensor</c> fields read at each interval end (e-mail counters ...).</summary>
    public Func<IReadOnlyList<(string Field, long Value)>>? ExtraSensorFields { get; init; }
    /// <summary>At most this many alerts are kept in memory for the run's summary and report (the rest are counted).</summary>
    public int MaxAlertsKept { get; init; } = 100_000;
}
