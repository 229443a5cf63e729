namespace TrafficWatch.Outputs.Metrics;

/// <summary>
/// One InfluxDB point: a measurement, tags in insertion order (rendering sorts them), typed fields and a
/// timestamp in packet time (nanoseconds).
/// </summary>
/// <remarks>
/// Replays must overwrite, never double: InfluxDB identifies a point by measurement + tag set + field key +
/// timestamp, and a second write of the same series at the same time replaces the first. So points are built
/// only from packet-derived values: the timestamp is packet time (an interval boundary), and no tag may carry
/// wall-clock or per-run values (run ids, host uptime, "now"). Re-running a replay then rewrites exactly the
/// same series and times, and sums in Grafana stay the same. The writers add nothing to a point.
/// </remarks>
public sealed class MetricPoint
{
    private readonly List<MetricTag> _tags;
    private readonly List<MetricField> _fields;

    public MetricPoint(string measurement, PacketTime timestamp, int tagCapacity = 8, int fieldCapacity = 4)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        Measurement = measurement;
        Timestamp = timestamp;
        _tags = new List<MetricTag>(tagCapacity);
        _fields = new List<MetricField>(fieldCapacity);
    }

    public string Measurement { get; }

    public PacketTime Timestamp { get; }

    /// <summary>Tags in the order they were added; empty values are kept here and left out when rendered.</summary>
    public IReadOnlyList<MetricTag> Tags => _tags;

    public IReadOnlyList<MetricField> Fields => _fields;

    public MetricPoint Tag(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _tags.Add(new MetricTag(key, value));
        return this;
    }

    public MetricPoint Field(string key, long value)
    {
        _fields.Add(MetricField.Integer(key, value));
        return this;
    }

    public MetricPoint Field(string key, double value)
    {
        _fields.Add(MetricField.Float(key, value));
        return this;
    }

    public MetricPoint Field(string key, string? value)
    {
        _fields.Add(MetricField.String(key, value));
        return this;
    }

    public MetricPoint Field(string key, bool value)
    {
        _fields.Add(MetricField.Boolean(key, value));
        return this;
    }

    public override string ToString() => LineProtocol.ToLine(this);
}
