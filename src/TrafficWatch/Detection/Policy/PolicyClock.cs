namespace TrafficWatch.Detection.Policy;

/// <summary>Local time of day of a packet time, for <see cref="TimeWindow"/>s. Allocation-free.</summary>
public static class PolicyClock
{
    /// <summary>Seconds since local midnight (0-86399) of <paramref name="time"/> in <paramref name="zone"/>.</summary>
    public static int SecondOfDay(PacketTime time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var seconds = time.Seconds;
        if (!ReferenceEquals(zone, TimeZoneInfo.Utc))
        {
            var utc = DateTime.UnixEpoch.AddTicks(time.Nanoseconds / 100);
            seconds += (long)zone.GetUtcOffset(utc).TotalSeconds;
        }
        var second = seconds % TimeWindow.SecondsPerDay;
        return (int)(second < 0 ? second + TimeWindow.SecondsPerDay : second);
    }
}
