using TrafficWatch.Flows;

namespace TrafficWatch.Pipeline;

/// <summary>
/// Receives per-interval data on the flow thread: first the active flows' deltas and every ended flow (as
/// <see cref="IFlowSink.OnFlowEnd"/> records whose Delta* fields count what belongs to the interval), then
/// <see cref="OnIntervalEnd"/> once per interval of packet time. Intervals are aligned to multiples of their
/// length since the epoch, so a replay produces the same points as live capture did.
/// </summary>
public interface IIntervalSink : IFlowSink
{
    void OnIntervalEnd(PacketTime intervalStart, in IntervalSummary summary);
}
