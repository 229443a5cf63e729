namespace TrafficWatch.Detection;

/// <summary>
/// At most N alerts of one rule per device per hour of packet time, so a device sweeping the internet (a camera
/// infected by a Mirai-like worm tries telnet on thousands of addresses) yields a handful of alerts, not
/// thousands; the rest are counted in <see cref="Withheld"/>. Bounded by the number of devices remembered.
/// </summary>
internal sealed class DeviceAlertBudget(int perHour, int maxDevices)
{
    private const long HourNs = 3_600 * PacketTime.NanosPerSecond;
    private readonly BoundedStateTable<ulong, DeviceAlertCount> _devices = new(maxDevices);

    /// <summary>Alerts not raised because their device had used up its budget.</summary>
    public long Withheld { get; private set; }

    /// <summary>True when the device may raise another alert now (and counts it).</summary>
    public bool TryTake(ulong mac, long now)
    {
        if (perHour <= 0)
        {
            return true;
        }
        var count = _devices.GetOrAdd(mac, now, static _ => new DeviceAlertCount(), 0, out _);
        if (now - count.HourStart >= HourNs || now < count.HourStart)
        {
            count.HourStart = now;
            count.Count = 0;
        }
        if (count.Count >= perHour)
        {
            Withheld++;
            return false;
        }
        count.Count++;
        return true;
    }
}
