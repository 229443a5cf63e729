namespace TrafficWatch.Detection;

/// <summary>
/// Remembers which flows a detector has already decided about, so a verdict taken on the first interval update is
/// not repeated on every later one. Bounded: the oldest decisions are forgotten first (a forgotten long flow can
/// at worst be judged again, and the alert gate's cooldown absorbs the repeat).
/// </summary>
internal sealed class FlowDecisions(int capacity)
{
    private readonly BoundedStateTable<long, TrackedState> _decided = new(capacity);

    public int Count => _decided.Count;

    /// <summary>True the first time it is asked about a flow (the caller decides now); false afterwards.</summary>
    public bool TryClaim(FlowFacts flow)
    {
        var now = flow.Time.Nanoseconds;
        if (flow.Kind == FlowFactsKind.End)
        {
            // Last chance anyway: forget it, and claim only if it was never decided.
            return !_decided.Remove(flow.FlowId);
        }
        _decided.GetOrAdd(flow.FlowId, now, static _ => new TrackedState(), 0, out var added);
        return added;
    }

    /// <summary>Forget a flow (it ended).</summary>
    public void Forget(long flowId) => _decided.Remove(flowId);
}
