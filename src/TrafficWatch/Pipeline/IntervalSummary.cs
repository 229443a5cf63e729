namespace TrafficWatch.Pipeline;

/// <summary>What happened in one interval of packet time, counted on the flow thread (so replay = live).</summary>
public readonly record struct IntervalSummary(
    long Packets,
    long Bytes,
    long DecodeErrors,
    int ActiveFlows,
    long NewFlows,
    long EvictedFlows,
    long QueueDrops,
    long KernelDrops,
    long InterfaceDrops);
