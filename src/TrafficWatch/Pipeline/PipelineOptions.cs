namespace TrafficWatch.Pipeline;

/// <summary>How the engine uses threads.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>
    /// 2 (default): capture+decode on one thread, flows+outputs on another, joined by a lock-free ring.
    /// 1: everything on the calling thread. Output is identical either way.
    /// </summary>
    public int Threads { get; set; } = 2;

    /// <summary>Ring capacity between the threads (power of two).</summary>
    public int QueueCapacity { get; set; } = 1 << 16;

    /// <summary>
    /// Live capture only: when the ring is full, drop (and count) instead of waiting, so libpcap is never
    /// stalled. File replay always waits (nothing is lost).
    /// </summary>
    public bool DropWhenFull { get; set; }
}
