namespace TrafficWatch.Outputs.Metrics;

/// <summary>
/// The InfluxDB schema TrafficWatch writes. Dashboards, the aggregator and tests use these constants,
/// never string literals.
/// <list type="bullet">
/// <item><c>traffic</c>: tags sensor, zone, vlan, device, device_name, vendor, class, direction, dest_country,
/// dest_asn, dest_class; integer fields bytes, packets, flows.</item>
/// <item><c>alerts</c>: tags rule, severity, zone, device, vendor, class, dest_country; fields count (integer),
/// destination (string), bytes (integer), explanation (string).</item>
/// <item><c>devices</c>: tags zone, vendor, class, registered; integer field count.</item>
/// <item><c>sensor</c>: tags sensor, interface; integer fields packets, bytes, kernel_drops, queue_drops,
/// decode_errors, active_flows, evicted_flows, write_errors, spool_bytes.</item>
/// </list>
/// </summary>
public static class MetricSchema
{
    /// <summary>Measurement names.</summary>
    public static class Measurements
    {
        public const string Traffic = "traffic";
        public const string Alerts = "alerts";
        public const string Devices = "devices";
        public const string Sensor = "sensor";
    }

    /// <summary>Tag keys (shared between measurements where the meaning is the same).</summary>
    public static class Tags
    {
        public const string Sensor = "sensor";
        public const string Zone = "zone";
        public const string Vlan = "vlan";
        public const string Device = "device";
        public const string DeviceName = "device_name";
        public const string Vendor = "vendor";
        public const string Class = "class";
        public const string Direction = "direction";
        public const string DestCountry = "dest_country";
        public const string DestAsn = "dest_asn";
        public const string DestClass = "dest_class";
        public const string Rule = "rule";
        public const string Severity = "severity";
        public const string Registered = "registered";
        public const string Interface = "interface";
    }

    /// <summary>Field keys.</summary>
    public static class Fields
    {
        public const string Bytes = "bytes";
        public const string Packets = "packets";
        public const string Flows = "flows";
        public const string Count = "count";
        public const string Destination = "destination";
        public const string Explanation = "explanation";
        public const string KernelDrops = "kernel_drops";
        public const string QueueDrops = "queue_drops";
        public const string DecodeErrors = "decode_errors";
        public const string ActiveFlows = "active_flows";
        public const string EvictedFlows = "evicted_flows";
        public const string WriteErrors = "write_errors";
        public const string SpoolBytes = "spool_bytes";
    }

    /// <summary>Tag keys of <c>traffic</c>, in key order.</summary>
    public static IReadOnlyList<string> TrafficTags { get; } =
    [
        Tags.Class, Tags.DestAsn, Tags.DestClass, Tags.DestCountry, Tags.Device, Tags.DeviceName,
        Tags.Direction, Tags.Sensor, Tags.Vendor, Tags.Vlan, Tags.Zone,
    ];

    public static IReadOnlyList<string> TrafficFields { get; } = [Fields.Bytes, Fields.Packets, Fields.Flows];

    public static IReadOnlyList<string> AlertsTags { get; } =
        [Tags.Class, Tags.DestCountry, Tags.Device, Tags.Rule, Tags.Severity, Tags.Vendor, Tags.Zone];

    public static IReadOnlyList<string> AlertsFields { get; } =
        [Fields.Count, Fields.Destination, Fields.Bytes, Fields.Explanation];

    public static IReadOnlyList<string> DevicesTags { get; } = [Tags.Class, Tags.Registered, Tags.Vendor, Tags.Zone];

    public static IReadOnlyList<string> DevicesFields { get; } = [Fields.Count];

    public static IReadOnlyList<string> SensorTags { get; } = [Tags.Interface, Tags.Sensor];

    public static IReadOnlyList<string> SensorFields { get; } =
    [
        Fields.Packets, Fields.Bytes, Fields.KernelDrops, Fields.QueueDrops, Fields.DecodeErrors,
        Fields.ActiveFlows, Fields.EvictedFlows, Fields.WriteErrors, Fields.SpoolBytes,
    ];
}
