using System.Globalization;
using TrafficWatch.Decode;
using TrafficWatch.Enrichment;
using TrafficWatch.Flows;
using TrafficWatch.Pipeline;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>
/// Turns flow deltas into the per-interval points of <see cref="MetricSchema"/>: <c>traffic</c> per device,
/// VLAN and direction, <c>devices</c> active per vendor, and one <c>sensor</c> point. Runs on the flow thread;
/// points go to an <see cref="IMetricWriter"/> (which never blocks). Series are keyed by devices, never by
/// destination addresses or names, so cardinality grows with the council's devices, not with the Internet.
/// </summary>
/// <remarks>
/// The device of a flow is its internal end: the initiator when it is internal, else the responder. Bytes the
/// device sends count as <c>out</c> (to an external address) or <c>internal</c>, bytes it receives as <c>in</c>
/// or <c>internal</c>; flows between two external addresses (transit on the mirror) count as <c>transit</c>
/// under the initiator's MAC. Each flow counts once in <c>flows</c> (field), in the interval it started.
/// </remarks>
public sealed class TrafficMetricsBuilder : IIntervalSink
{
    private readonly IMetricWriter _writer;
    private readonly AddressScope _scope;
    private readonly Func<MacAddress, string?> _vendorOf;
    private readonly string _sensor;
    private readonly string _interface;
    private readonly Dictionary<TrafficKey, TrafficCounts> _traffic = [];
    private readonly Dictionary<MacAddress, bool> _activeDevices = [];

    public TrafficMetricsBuilder(IMetricWriter writer, AddressScope scope, Func<MacAddress, string?> vendorOf, string sensor, string interfaceName)
    {
        _writer = writer;
        _scope = scope;
        _vendorOf = vendorOf;
        _sensor = sensor;
        _interface = interfaceName;
    }

    public long PointsWritten { get; private set; }

    public void OnFlowEnd(in FlowRecord r)
    {
        if (r.Reason == FlowEndReason.Interim)
        {
            return;                                     // cumulative snapshot, not a delta
        }
        if (r.DeltaPktsToServer == 0 && r.DeltaPktsToClient == 0 && !r.IsNewInInterval)
        {
            return;
        }
        var srcInternal = _scope.IsInternal(r.SrcAddr);
        var dstInternal = _scope.IsInternal(r.DstAddr);
        var vlan = r.VlanCount == 0 ? 0 : r.VlanCount == 1 ? r.Key.OuterVlan : r.Key.InnerVlan;
        if (srcInternal || !dstInternal)
        {
            // The initiator is the device: what it sent is out/internal/transit, what it received in/internal/transit.
            var sent = srcInternal ? dstInternal ? Direction.Internal : Direction.Out : Direction.Transit;
            var received = srcInternal ? dstInternal ? Direction.Internal : Direction.In : Direction.Transit;
            Add(new TrafficKey(r.SrcMac, (ushort)vlan, sent), r.DeltaBytesToServer, r.DeltaPktsToServer, r.IsNewInInterval ? 1 : 0);
            Add(new TrafficKey(r.SrcMac, (ushort)vlan, received), r.DeltaBytesToClient, r.DeltaPktsToClient, 0);
        }
        else
        {
            // An external initiator reached an internal device (the responder, whose MAC is the frame's destination).
            Add(new TrafficKey(r.DstMac, (ushort)vlan, Direction.In), r.DeltaBytesToServer, r.DeltaPktsToServer, r.IsNewInInterval ? 1 : 0);
            Add(new TrafficKey(r.DstMac, (ushort)vlan, Direction.Out), r.DeltaBytesToClient, r.DeltaPktsToClient, 0);
        }
    }

    private void Add(TrafficKey key, long bytes, long packets, int flows)
    {
        if (bytes == 0 && packets == 0 && flows == 0)
        {
            return;
        }
        ref var counts = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_traffic, key, out _);
        counts.Bytes += bytes;
        counts.Packets += packets;
        counts.Flows += flows;
        _activeDevices[key.Device] = true;
    }

    public void OnIntervalEnd(PacketTime intervalStart, in IntervalSummary summary)
    {
        var points = new List<MetricPoint>(_traffic.Count + 8);
        // Sorted, so the same input writes the same lines in the same order.
        var keys = new List<TrafficKey>(_traffic.Keys);
        keys.Sort();
        foreach (var key in keys)
        {
            var counts = _traffic[key];
            points.Add(new MetricPoint(MetricSchema.Measurements.Traffic, intervalStart)
                .Tag(MetricSchema.Tags.Sensor, _sensor)
                .Tag(MetricSchema.Tags.Vlan, key.Vlan.ToString(CultureInfo.InvariantCulture))
                .Tag(MetricSchema.Tags.Device, key.Device.ToString())
                .Tag(MetricSchema.Tags.Vendor, _vendorOf(key.Device))
                .Tag(MetricSchema.Tags.Direction, DirectionName(key.Direction))
                .Field(MetricSchema.Fields.Bytes, counts.Bytes)
                .Field(MetricSchema.Fields.Packets, counts.Packets)
                .Field(MetricSchema.Fields.Flows, counts.Flows));
        }
        var byVendor = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var device in _activeDevices.Keys)
        {
            var vendor = _vendorOf(device) ?? string.Empty;
            byVendor[vendor] = byVendor.GetValueOrDefault(vendor) + 1;
        }
        foreach (var (vendor, count) in byVendor)
        {
            points.Add(new MetricPoint(MetricSchema.Measurements.Devices, intervalStart)
                .Tag(MetricSchema.Tags.Vendor, vendor)
                .Field(MetricSchema.Fields.Count, count));
        }
        points.Add(new MetricPoint(MetricSchema.Measurements.Sensor, intervalStart)
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
            .Field(MetricSchema.Fields.SpoolBytes, _writer.SpoolBytes));
        _writer.Enqueue(points);
        PointsWritten += points.Count;
        _traffic.Clear();
        _activeDevices.Clear();
    }

    private static string DirectionName(Direction d) => d switch
    {
        Direction.Out => "out",
        Direction.In => "in",
        Direction.Internal => "internal",
        _ => "transit",
    };

    private enum Direction : byte
    {
        Out,
        In,
        Internal,
        Transit,
    }

    private readonly record struct TrafficKey(MacAddress Device, ushort Vlan, Direction Direction) : IComparable<TrafficKey>
    {
        public int CompareTo(TrafficKey other)
        {
            var c = Device.Value.CompareTo(other.Device.Value);
            if (c != 0)
            {
                return c;
            }
            c = Vlan.CompareTo(other.Vlan);
            return c != 0 ? c : Direction.CompareTo(other.Direction);
        }
    }

    private struct TrafficCounts
    {
        public long Bytes;
        public long Packets;
        public long Flows;
    }
}
