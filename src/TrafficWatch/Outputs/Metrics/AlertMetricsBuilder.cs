using System.Globalization;
using TrafficWatch.Decode;
using TrafficWatch.Detection;
using TrafficWatch.Flows;
using TrafficWatch.Pipeline;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>
/// Turns alerts into the <c>alerts</c> points of <see cref="MetricSchema"/>: one point per interval of packet time
/// and per (rule, severity, zone, device, vendor, class, dest_country), stamped with the interval start, with the
/// fields count (alerts), bytes (sum of the alerts' <see cref="Alert.BytesOut"/>, the upload the rules measure),
/// and destination and explanation of the first alert of the group (strings, bounded). Runs on the flow thread:
/// alerts arrive through <see cref="OnAlert"/>, and <see cref="OnIntervalEnd"/> writes every group whose interval
/// has closed to the <see cref="IMetricWriter"/> (which never blocks).
/// </summary>
/// <remarks>
/// Intervals are aligned exactly as <see cref="PacketPipeline"/> aligns them for <see cref="TrafficMetricsBuilder"/>
/// (multiples of the interval length since the epoch), so alert points line up with traffic points and a replay
/// writes the same points as the live capture did. Destination addresses and names are fields, never tags, so the
/// series grow with devices and rules, not with the Internet. An alert older than an interval already written
/// (detectors are expected to report in packet-time order) is counted in the oldest interval still open rather
/// than rewriting a written point, which InfluxDB would replace instead of adding to; see <see cref="LateAlerts"/>.
/// </remarks>
public sealed class AlertMetricsBuilder : IAlertSink, IIntervalSink
{
    /// <summary>Longest explanation written, in UTF-16 characters (cut with an ellipsis).</summary>
    public const int MaxExplanationLength = 512;

    /// <summary>Longest destination text written, in UTF-16 characters (cut with an ellipsis).</summary>
    public const int MaxDestinationLength = 256;

    private readonly IMetricWriter _writer;
    private readonly long _intervalNs;
    private readonly SortedDictionary<long, Dictionary<AlertGroupKey, AlertGroup>> _open = [];
    private long _lastWrittenStart = long.MinValue;

    public AlertMetricsBuilder(IMetricWriter writer, int intervalSeconds = 10)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalSeconds, 1);
        _writer = writer;
        _intervalNs = intervalSeconds * PacketTime.NanosPerSecond;
    }

    /// <summary>Points handed to the writer so far.</summary>
    public long PointsWritten { get; private set; }

    /// <summary>Alerts received so far.</summary>
    public long AlertsCounted { get; private set; }

    /// <summary>Alerts that arrived after their interval had been written (counted in a later interval).</summary>
    public long LateAlerts { get; private set; }

    /// <summary>Start of the interval an alert at <paramref name="time"/> belongs to (the pipeline's alignment).</summary>
    public PacketTime IntervalStartOf(PacketTime time) => time.FloorTo(_intervalNs);

    public void OnAlert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var start = IntervalStartOf(alert.Timestamp).Nanoseconds;
        if (_lastWrittenStart != long.MinValue && start <= _lastWrittenStart)
        {
            start = _lastWrittenStart + _intervalNs;
            LateAlerts++;
        }
        if (!_open.TryGetValue(start, out var groups))
        {
            groups = [];
            _open.Add(start, groups);
        }
        var key = new AlertGroupKey(
            alert.Rule,
            SeverityName(alert.Severity),
            alert.Device.Zone ?? string.Empty,
            alert.Device.Mac,
            alert.Device.Vendor ?? string.Empty,
            alert.Device.Class,
            alert.Destination?.Country ?? string.Empty);
        if (groups.TryGetValue(key, out var group))
        {
            group.Count++;
            group.Bytes += alert.BytesOut;
        }
        else
        {
            groups.Add(key, new AlertGroup(alert));
        }
        AlertsCounted++;
    }

    /// <summary>Flows carry nothing for this builder; alerts come through <see cref="OnAlert"/>.</summary>
    public void OnFlowEnd(in FlowRecord record)
    {
    }

    /// <summary>Writes every group whose interval started at or before <paramref name="intervalStart"/> (the interval
    /// the pipeline is closing); alerts of later intervals stay open.</summary>
    public void OnIntervalEnd(PacketTime intervalStart, in IntervalSummary summary) => WriteUpTo(intervalStart.Nanoseconds);

    /// <summary>Writes every open group (end of a run, after the pipeline's last interval).</summary>
    public void Flush() => WriteUpTo(long.MaxValue);

    private void WriteUpTo(long lastStart)
    {
        if (_open.Count == 0)
        {
            return;
        }
        List<MetricPoint>? points = null;
        List<long>? done = null;
        foreach (var (start, groups) in _open)
        {
            if (start > lastStart)
            {
                break;
            }
            points ??= [];
            done ??= [];
            done.Add(start);
            // Sorted, so the same input writes the same lines in the same order.
            var keys = new List<AlertGroupKey>(groups.Keys);
            keys.Sort();
            var timestamp = new PacketTime(start);
            foreach (var key in keys)
            {
                points.Add(ToPoint(timestamp, key, groups[key]));
            }
        }
        if (points is null || done is null)
        {
            return;
        }
        foreach (var start in done)
        {
            _open.Remove(start);
            _lastWrittenStart = Math.Max(_lastWrittenStart, start);
        }
        if (points.Count > 0)
        {
            _writer.Enqueue(points);
            PointsWritten += points.Count;
        }
    }

    private static MetricPoint ToPoint(PacketTime timestamp, in AlertGroupKey key, AlertGroup group) =>
        new MetricPoint(MetricSchema.Measurements.Alerts, timestamp)
            .Tag(MetricSchema.Tags.Rule, key.Rule)
            .Tag(MetricSchema.Tags.Severity, key.Severity)
            .Tag(MetricSchema.Tags.Zone, key.Zone)
            .Tag(MetricSchema.Tags.Device, key.Device.ToString())
            .Tag(MetricSchema.Tags.Vendor, key.Vendor)
            .Tag(MetricSchema.Tags.Class, key.Class)
            .Tag(MetricSchema.Tags.DestCountry, key.DestCountry)
            .Field(MetricSchema.Fields.Count, group.Count)
            .Field(MetricSchema.Fields.Destination, group.Destination)
            .Field(MetricSchema.Fields.Bytes, group.Bytes)
            .Field(MetricSchema.Fields.Explanation, group.Explanation);

    /// <summary>The <c>severity</c> tag value: <c>high</c>, <c>medium</c> or <c>low</c>.</summary>
    public static string SeverityName(AlertSeverity severity) => severity switch
    {
        AlertSeverity.High => "high",
        AlertSeverity.Medium => "medium",
        _ => "low",
    };

    /// <summary>The <c>destination</c> field: <c>name (address:port)</c>, <c>address:port</c> or empty, bounded.</summary>
    public static string DestinationText(AlertDestination? destination)
    {
        if (destination is null)
        {
            return string.Empty;
        }
        var address = IpAddr.ToString(destination.Address);
        if (!IpAddr.IsIPv4(destination.Address) && destination.Port != 0)
        {
            address = "[" + address + "]";
        }
        var text = destination.Port == 0
            ? address
            : address + ":" + destination.Port.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(destination.Name))
        {
            text = destination.Name + " (" + text + ")";
        }
        return Bound(text, MaxDestinationLength);
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="maxChars"/> characters, ending with an ellipsis, never
    /// splitting a surrogate pair. Escaping for the wire is the line protocol writer's job.</summary>
    public static string Bound(string? text, int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2);
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        if (text.Length <= maxChars)
        {
            return text;
        }
        var cut = maxChars - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        return string.Concat(text.AsSpan(0, cut), "\u2026");
    }

    private readonly record struct AlertGroupKey(
        string Rule, string Severity, string Zone, MacAddress Device, string Vendor, string Class, string DestCountry)
        : IComparable<AlertGroupKey>
    {
        public int CompareTo(AlertGroupKey other)
        {
            var c = string.CompareOrdinal(Rule, other.Rule);
            if (c == 0)
            {
                c = Device.Value.CompareTo(other.Device.Value);
            }
            if (c == 0)
            {
                c = string.CompareOrdinal(Severity, other.Severity);
            }
            if (c == 0)
            {
                c = string.CompareOrdinal(Zone, other.Zone);
            }
            if (c == 0)
            {
                c = string.CompareOrdinal(Vendor, other.Vendor);
            }
            if (c == 0)
            {
                c = string.CompareOrdinal(Class, other.Class);
            }
            return c != 0 ? c : string.CompareOrdinal(DestCountry, other.DestCountry);
        }
    }

    private sealed class AlertGroup(Alert first)
    {
        public long Count = 1;
        public long Bytes = first.BytesOut;
        public readonly string Destination = DestinationText(first.Destination);
        public readonly string Explanation = Bound(first.Explanation, MaxExplanationLength);
    }
}
