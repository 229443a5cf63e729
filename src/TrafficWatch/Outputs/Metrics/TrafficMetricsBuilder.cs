using System.Globalization;
using TrafficWatch.Detection;
using TrafficWatch.Pipeline;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>
/// Aggregates attributed flow activity into the <c>traffic</c>, <c>devices</c> and <c>sensor</c> measurements,
/// one set of points per interval of packet time, stamped with the interval start (see <see cref="MetricSchema"/>).
/// Fed with the interval deltas and ended flows as <see cref="FlowFacts"/> (long flows count in every interval they
/// are active). Tags are per device and destination class, country and ASN; destination addresses and names never
/// become tags, so series grow with devices, not with the Internet. Flow thread only.
/// </summary>
public sealed class TrafficMetricsBuilder
{
    private readonly IMetricWriter _writer;
    private readonly string _sensor;
    private readonly string _interface;
    private readonly Dictionary<TrafficKey, TrafficCounts> _traffic = [];
    private readonly Dictionary<(ulong Mac, ushort Vlan), DeviceTags> _activeDevices = [];

    public TrafficMetricsBuilder(IMetricWriter writer, string sensor, string interfaceName)
    {
        _writer = writer;
        _sensor = sensor;
        _interface = interfaceName;
    }

    public long PointsWritten { get; private set; }

    /// <summary>Extra <c>sensor</c> fields (e.g. e-mail counters) read at each interval end.</summary>
    public Func<IReadOnlyList<(string Field, long Value)>>? ExtraSensorFields { get; set; }

    /// <summary>Counts what <paramref name="facts"/> says happened since the previous observation of its flow.</summary>
    public void Add(FlowFacts facts)
    {
        var isNew = facts.IsNewInInterval;
        if (facts.DeltaPacketsOut == 0 && facts.DeltaPacketsIn == 0 && !isNew)
        {
            return;
        }
        var device = facts.Device;
        var (sent, received) = facts.DestinationIsExternal ? ("out", "in") : ("internal", "internal");
        var tags = new DeviceTags(device.Zone, device.Name, device.Vendor, device.Class, device.Registered);
        _activeDevices[(device.Mac.Value, device.Vlan)] = tags;
        var country = facts.DestinationIsExternal ? facts.Destination.Country ?? "unknown" : null;
        var asn = facts.DestinationIsExternal && facts.Destination.Asn is { } a ? AsnText(a) : null;
        Count(new TrafficKey(device.Mac.Value, device.Vlan, sent, country, asn, facts.DestinationClass, tags),
            facts.DeltaBytesOut, facts.DeltaPacketsOut, isNew && facts.DeviceIsInitiator ? 1 : 0);
        Count(new TrafficKey(device.Mac.Value, device.Vlan, received, country, asn, facts.DestinationClass, tags),
            facts.DeltaBytesIn, facts.DeltaPacketsIn, isNew && !facts.DeviceIsInitiator ? 1 : 0);
    }

    private void Count(in TrafficKey key, long bytes, long packets, int flows)
    {
        if (bytes == 0 && packets == 0 && flows == 0)
        {
            return;
        }
        ref var counts = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_traffic, key, out _);
        counts.Bytes += bytes;
        counts.Packets += packets;
        counts.Flows += flows;
    }

    /// <summary>Writes the points of the interval that started at <paramref name="intervalStart"/> and starts the next.</summary>
    public void OnIntervalEnd(PacketTime intervalStart, in IntervalSummary summary)
    {
        var points = new List<MetricPoint>(_traffic.Count + 8);
        var keys = new List<TrafficKey>(_traffic.Keys);
        keys.Sort();                                            // the same input writes the same lines in the same order
        foreach (var key in keys)
        {
            var counts = _traffic[key];
            points.Add(new MetricPoint(MetricSchema.Measurements.Traffic, intervalStart, tagCapacity: 11)
                .Tag(MetricSchema.Tags.Sensor, _sensor)
                .Tag(MetricSchema.Tags.Zone, key.Tags.Zone)
                .Tag(MetricSchema.Tags.Vlan, key.Vlan.ToString(CultureInfo.InvariantCulture))
                .Tag(MetricSchema.Tags.Device, MacText(key.Mac))
                .Tag(MetricSchema.Tags.DeviceName, key.Tags.Name)
                .Tag(MetricSchema.Tags.Vendor, key.Tags.Vendor)
                .Tag(MetricSchema.Tags.Class, key.Tags.Class)
                .Tag(MetricSchema.Tags.Direction, key.Direction)
                .Tag(MetricSchema.Tags.DestCountry, key.Country)
                .Tag(MetricSchema.Tags.DestAsn, key.Asn)
                .Tag(MetricSchema.Tags.DestClass, key.DestClass)
                .Field(MetricSchema.Fields.Bytes, counts.Bytes)
                .Field(MetricSchema.Fields.Packets, counts.Packets)
                .Field(MetricSchema.Fields.Flows, counts.Flows));
        }
        var byGroup = new SortedDictionary<(string Zone, string Vendor, string Class, bool Registered), long>();
        foreach (var tags in _activeDevices.Values)
        {
            var group = (tags.Zone ?? string.Empty, tags.Vendor ?? string.Empty, tags.Class, tags.Registered);
            byGroup[group] = byGroup.GetValueOrDefault(group) + 1;
        }
        foreach (var ((zone, vendor, deviceClass, registered), count) in byGroup)
        {
            points.Add(new MetricPoint(MetricSchema.Measurements.Devices, intervalStart)
                .Tag(MetricSchema.Tags.Zone, zone)
                .Tag(MetricSchema.Tags.Vendor, vendor)
                .Tag(MetricSchema.Tags.Class, deviceClass)
                .Tag(MetricSchema.Tags.Registered, registered ? "true" : "false")
                .Field(MetricSchema.Fields.Count, count));
        }
        var sensor = new MetricPoint(MetricSchema.Measurements.Sensor, intervalStart, fieldCapacity: 12)
            .Tag(MetricSchema.Tags.Sensor, _sensor)
            .Tag(MetricSchema.Tags.Interface, _interface)
            .Field(MetricSchema.Fields.Packets, summary.Packets)
            .Field(MetricSchema.Fields.Bytes, summary.Bytes)
            .Field(MetricSchema.Fields.KernelDrops, summary.KernelDrops)
            .Field(MetricSchema.Fields.QueueDrops, summary.QueueDrops)
            .Field(MetricSchema.Fields.DecodeErrors, summary.DecodeErrors)
            .Field(MetricSchema.Fields.ActiveFlows, summary.ActiveFlows)
            .Field(MetricSchema.Fields.EvictedFlows, summary.EvictedFlows)
            .Field(MetricSchema.Fields.WriteErrors, _writer.WriteErrors)
            .Field(MetricSchema.Fields.SpoolBytes, _writer.SpoolBytes);
        foreach (var (field, value) in ExtraSensorFields?.Invoke() ?? [])
        {
            sensor.Field(field, value);
        }
        points.Add(sensor);
        _writer.Enqueue(points);
        PointsWritten += points.Count;
        _traffic.Clear();
        _activeDevices.Clear();
    }

    private readonly Dictionary<uint, string> _asnText = [];

    private string AsnText(uint asn)
    {
        if (!_asnText.TryGetValue(asn, out var text))
        {
            text = asn.ToString(CultureInfo.InvariantCulture);
            if (_asnText.Count < 100_000)
            {
                _asnText[asn] = text;
            }
        }
        return text;
    }

    private static string MacText(ulong mac) => new Decode.MacAddress(mac).ToString();

    private readonly record struct DeviceTags(string? Zone, string? Name, string? Vendor, string Class, bool Registered);

    private readonly record struct TrafficKey(ulong Mac, ushort Vlan, string Direction, string? Country, string? Asn, string DestClass, DeviceTags Tags)
        : IComparable<TrafficKey>
    {
        public int CompareTo(TrafficKey other)
        {
            var c = Mac.CompareTo(other.Mac);
            if (c == 0) { c = Vlan.CompareTo(other.Vlan); }
            if (c == 0) { c = string.CompareOrdinal(Direction, other.Direction); }
            if (c == 0) { c = string.CompareOrdinal(DestClass, other.DestClass); }
            if (c == 0) { c = string.CompareOrdinal(Country, other.Country); }
            if (c == 0) { c = string.CompareOrdinal(Asn, other.Asn); }
            if (c == 0) { c = string.CompareOrdinal(Tags.Name, other.Tags.Name); }
            if (c == 0) { c = string.CompareOrdinal(Tags.Zone, other.Tags.Zone); }
            return c;
        }
    }

    private struct TrafficCounts
    {
        public long Bytes;
        public long Packets;
        public long Flows;
    }
}
