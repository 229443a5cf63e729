namespace TrafficWatch.Detection;

/// <summary>Base of per-key detector state held in a <see cref="BoundedStateTable{TKey,TState}"/>.</summary>
internal class TrackedState
{
    /// <summary>Packet time (ns) at which the key was last used; the least recently used keys are evicted first.</summary>
    public long LastTouched;

    /// <summary>Insertion order, to break ties deterministically.</summary>
    public long Sequence;
}
