namespace TrafficWatch.Flows;

/// <summary>Counters of the flow table, written only by its owning thread.</summary>
public sealed class FlowTableCounters
{
    public long NewFlows;
    public long EndedTimeout;
    public long EndedClosed;
    public long EndedShutdown;
    public long Evicted;
    public long InterimRecords;
    public long FragmentsMatched;
    public long FragmentsUnmatched;
    /// <summary>Packets whose time was earlier than the table clock (merged captures); they are accounted at the clock.</summary>
    public long TimeWentBackwards;
    /// <summary>Pure SYNs on a closed TCP flow that ended it early and started a new flow (port reuse).</summary>
    public long TcpPortReuse;
    /// <summary>Packets given to <see cref="FlowTable.Process"/> without a flow key (ignored).</summary>
    public long NoFlowKey;
}
