namespace TrafficWatch.Outputs.Metrics;

/// <summary>One spooled batch: a file <c>{sequence:D16}-{points}.lp</c> holding the line-protocol body.</summary>
internal sealed class SpoolEntry(string path, long sequence, int points, long bytes)
{
    public string Path { get; } = path;

    public long Sequence { get; } = sequence;

    public int Points { get; } = points;

    public long Bytes { get; } = bytes;

    /// <summary>Being sent right now: overflow must not delete it under the sender.</summary>
    public bool InFlight { get; set; }
}
