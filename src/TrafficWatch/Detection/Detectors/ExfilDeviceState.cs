namespace TrafficWatch.Detection;

/// <summary>Upload history of one device for <see cref="ExfilVolumeDetector"/>: a ring of per-bucket sums and an hourly EWMA.</summary>
internal sealed class ExfilDeviceState(int buckets, long firstSeen) : TrackedState
{
    public readonly long[] Buckets = new long[buckets];
    /// <summary>Absolute bucket number (packet seconds / bucket length) of the newest bucket.</summary>
    public long NewestBucket = long.MinValue;
    public long WindowSum;

    public readonly long FirstSeen = firstSeen;
    public long Hour = long.MinValue;
    public long HourBytes;
    public double Ewma;
    public int HoursClosed;

    public long QuietUntil = long.MinValue;

    /// <summary>The flow that carried the most upload in the window (evidence for the alert).</summary>
    public AlertDestination? TopDestination;
    public long TopBytes;
    public long TopTime;
    public long TopFlowId;
}
