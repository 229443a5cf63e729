namespace TrafficWatch.Attribution.Devices;

/// <summary>Plain counters of one <see cref="DeviceTable"/>, written only by the flow thread.</summary>
public sealed class DeviceTableCounters
{
    /// <summary>Devices created.</summary>
    public long Created;

    /// <summary>Devices evicted because <see cref="DeviceTableOptions.MaxDevices"/> was reached.</summary>
    public long Evicted;

    /// <summary>MACs that became routers.</summary>
    public long RoutersDetected;

    /// <summary>Values (names, addresses, types ...) dropped because a per-device list was full.</summary>
    public long ValuesDropped;

    /// <summary><c>DeviceTable.AddTraffic</c> calls for a device not in the table (evicted or never seen).</summary>
    public long TrafficWithoutDevice;
}
