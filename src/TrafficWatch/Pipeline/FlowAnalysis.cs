using TrafficWatch.Attribution.Devices;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Detection;
using TrafficWatch.Flows;
using TrafficWatch.Outputs.Eve;
using TrafficWatch.Outputs.Metrics;

namespace TrafficWatch.Pipeline;

/// <summary>
/// The flow thread after the flow table: every flow event becomes attributed <see cref="FlowFacts"/>
/// (<see cref="FlowAttributor"/>) and goes to the outputs and detectors that want it —
/// new flows to detection; interval deltas to metrics, the device inventory's byte counts and detection; ended
/// flows to EVE (with device, class, zone, destination name, country and class), metrics, inventory and detection;
/// DNS questions to detection. At each interval end: metrics points, detection windows, the alert metrics, and
/// <see cref="IntervalClosed"/> (e-mail digests). Plug it in as the flow table's sink, its start observer, an app
/// message observer and the pipeline's interval sink.
/// </summary>
public sealed class FlowAnalysis : IIntervalSink, IFlowStartObserver, IAppMessageObserver
{
    private readonly FlowAttributor _attributor;
    private readonly DeviceTable _devices;
    private readonly TrafficMetricsBuilder? _metrics;
    private readonly AlertMetricsBuilder? _alertMetrics;
    private readonly EveFlowSink? _eve;
    private readonly DetectionEngine? _detection;
    private readonly HashSet<DeviceKey> _announced = [];
    private readonly long _intervalNs;

    public FlowAnalysis(FlowAttributor attributor, DeviceTable devices, TrafficMetricsBuilder? metrics, AlertMetricsBuilder? alertMetrics,
        EveFlowSink? eve, DetectionEngine? detection, int intervalSeconds)
    {
        _attributor = attributor;
        _devices = devices;
        _metrics = metrics;
        _alertMetrics = alertMetrics;
        _eve = eve;
        _detection = detection;
        _intervalNs = intervalSeconds * PacketTime.NanosPerSecond;
    }

    /// <summary>Called at the end of every interval with the end time (e-mail digests close their windows here).</summary>
    public Action<PacketTime>? IntervalClosed { get; set; }

    /// <summary>Told about every interval update and flow end, after metrics and detection (report ledgers).</summary>
    public Action<FlowFacts>? FactsObserved { get; set; }

    /// <summary>Devices announced to detection (bounded by the device table's size).</summary>
    public int AnnouncedDevices => _announced.Count;

    public void OnFlowStart(FlowTable table, int slot, in PacketMeta meta)
    {
        if (_detection is null)
        {
            return;
        }
        var record = table.Describe(slot);
        var facts = _attributor.Build(in record, FlowFactsKind.Start, meta.Timestamp);
        Announce(facts);
        _detection.OnFlow(facts);
    }

    public void OnAppMessage(FlowTable flows, int slot, in PacketMeta meta, IAppMessage message)
    {
        if (_detection is null || message is not DnsMessage { IsResponse: false } query || meta.DstPort != AppPorts.Dns || query.Questions.Count == 0)
        {
            return;
        }
        if (IsResolverOrRouter(meta.SrcMac, meta.OuterVlan))
        {
            return;                                             // a resolver forwarding its clients' questions is not the one asking
        }
        var device = _attributor.Describe(meta.SrcMac, meta.OuterVlan, meta.SrcAddr, out var deviceClass, out var vendorId);
        var restricted = _attributor.Policy?.IsRestricted(new Detection.Policy.PolicySubject(meta.SrcMac, device.Zone, deviceClass, vendorId)) ?? false;
        var question = query.Questions[0];
        _detection.OnDnsQuery(new DnsQueryFacts(device, restricted, question.Name, question.Type, meta.Timestamp));
    }

    public void OnFlowEnd(in FlowRecord record)
    {
        switch (record.Reason)
        {
            case FlowEndReason.Interim:
                _eve?.OnFlowEnd(in record);
                return;
            case FlowEndReason.Snapshot:
                return;
        }
        var kind = record.Reason == FlowEndReason.Interval ? FlowFactsKind.Update : FlowFactsKind.End;
        var facts = _attributor.Build(in record, kind, record.End);
        if (kind == FlowFactsKind.End)
        {
            _eve?.Write(in record, facts);
        }
        if (facts.DeltaBytesOut != 0 || facts.DeltaBytesIn != 0)
        {
            _devices.AddTraffic(facts.Device.Mac, facts.Device.Vlan, facts.DeltaBytesOut, facts.DeltaBytesIn,
                facts.Destination.Address, facts.DestinationIsExternal, facts.Time);
            if (facts.DestinationDevice is { } peer)
            {
                // Internal to internal (a camera streaming to the NVR): the other device's inventory counts it too.
                _devices.AddTraffic(peer.Mac, peer.Vlan, facts.DeltaBytesIn, facts.DeltaBytesOut, facts.Device.Address ?? UInt128.Zero, remoteIsExternal: false, facts.Time);
            }
        }
        _metrics?.Add(facts);
        _detection?.OnFlow(facts);
        FactsObserved?.Invoke(facts);
    }

    public void OnIntervalEnd(PacketTime intervalStart, in IntervalSummary summary)
    {
        var end = new PacketTime(intervalStart.Nanoseconds + _intervalNs);
        _detection?.OnTime(end);
        _metrics?.OnIntervalEnd(intervalStart, in summary);
        _alertMetrics?.OnIntervalEnd(intervalStart, in summary);
        IntervalClosed?.Invoke(end);
    }

    /// <summary>A DNS server on the LAN (it answers port 53 itself) or a router re-asks its clients' questions upstream.</summary>
    private bool IsResolverOrRouter(MacAddress mac, ushort vlan)
    {
        if (!_devices.TryGet(mac, vlan, out var device))
        {
            return false;
        }
        if (device.IsRouter)
        {
            return true;
        }
        foreach (var service in device.Services)
        {
            if (service.Port == AppPorts.Dns)
            {
                return true;
            }
        }
        return false;
    }

    private void Announce(FlowFacts facts)
    {
        var key = new DeviceKey(facts.Device.Mac, facts.Device.Vlan);
        if (facts.Device.Mac.Value == 0 || _announced.Contains(key))
        {
            return;
        }
        if (_announced.Count >= 1 << 20)
        {
            _announced.Clear();                                  // bounded; new-device has its own memory of seen MACs
        }
        _announced.Add(key);
        _detection!.OnDevice(new DeviceFacts(facts.Device, facts.DeviceRestricted, FirstSeen: true, facts.Time));
    }
}
