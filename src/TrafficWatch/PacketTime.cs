using System.Globalization;

namespace TrafficWatch;

/// <summary>
/// A point in packet time: nanoseconds since the Unix epoch, taken from the capture record,
/// never from the wall clock. Flows, windows, metrics and alerts are all driven by it, so a
/// replay gives the same results as live capture.
/// </summary>
public readonly record struct PacketTime(long Nanoseconds) : IComparable<PacketTime>
{
    public const long NanosPerSecond = 1_000_000_000L;

    public static readonly PacketTime Zero = new(0);

    public static PacketTime FromSeconds(long seconds, long nanos = 0) => new(seconds * NanosPerSecond + nanos);

    public static PacketTime FromMicroseconds(long seconds, long micros) => new(seconds * NanosPerSecond + micros * 1000);

    public long Seconds => Nanoseconds / NanosPerSecond;

    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.UnixEpoch.AddTicks(Nanoseconds / 100);

    /// <summary>
    /// The start of the interval of <paramref name="intervalNs"/> that holds this time, intervals being aligned to
    /// multiples of their length since the epoch (so live capture and replay cut the same intervals; correct before 1970 too).
    /// </summary>
    public PacketTime FloorTo(long intervalNs) => new(Nanoseconds - (((Nanoseconds % intervalNs) + intervalNs) % intervalNs));

    public PacketTime AddSeconds(double seconds) => new(Nanoseconds + (long)(seconds * NanosPerSecond));

    public int CompareTo(PacketTime other) => Nanoseconds.CompareTo(other.Nanoseconds);

    public static bool operator <(PacketTime a, PacketTime b) => a.Nanoseconds < b.Nanoseconds;
    public static bool operator >(PacketTime a, PacketTime b) => a.Nanoseconds > b.Nanoseconds;
    public static bool operator <=(PacketTime a, PacketTime b) => a.Nanoseconds <= b.Nanoseconds;
    public static bool operator >=(PacketTime a, PacketTime b) => a.Nanoseconds >= b.Nanoseconds;

    /// <summary>Suricata's EVE timestamp form: <c>2025-06-02T08:00:00.123456+0000</c> (microseconds, UTC).</summary>
    public string ToEveString()
    {
        var dto = ToDateTimeOffset();
        return dto.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+0000";
    }

    public override string ToString() => ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture);
}
