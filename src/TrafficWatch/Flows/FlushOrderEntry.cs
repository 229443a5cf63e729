namespace TrafficWatch.Flows;

/// <summary>Sort entry for <see cref="FlowTable.FlushAll"/>: start time, then flow id, then slot (slot assignment is deterministic).</summary>
internal readonly record struct FlushOrderEntry(long StartNs, long FlowId, int Slot) : IComparable<FlushOrderEntry>
{
    public int CompareTo(FlushOrderEntry other)
    {
        var c = StartNs.CompareTo(other.StartNs);
        if (c != 0)
        {
            return c;
        }
        c = FlowId.CompareTo(other.FlowId);
        return c != 0 ? c : Slot.CompareTo(other.Slot);
    }
}
