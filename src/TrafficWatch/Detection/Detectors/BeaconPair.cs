namespace TrafficWatch.Detection;

/// <summary>Recent connection start times and sizes between one device and one destination.</summary>
internal sealed class BeaconPair(int samples, long firstStart) : TrackedState
{
    /// <summary>Ring of connection start times (ns); <see cref="Starts"/> counts all starts ever seen.</summary>
    public readonly long[] StartTimes = new long[samples];
    public long Starts;
    public readonly long FirstStart = firstStart;

    /// <summary>Ring of total bytes (both ways) of ended connections; <see cref="Ends"/> counts them.</summary>
    public readonly long[] Sizes = new long[samples];
    public long Ends;

    public long QuietUntil = long.MinValue;
}
