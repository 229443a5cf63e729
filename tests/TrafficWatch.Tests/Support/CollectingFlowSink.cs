using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Support;

/// <summary>Test double: keeps every flow record it is given, in order.</summary>
public sealed class CollectingFlowSink : IFlowSink
{
    public List<FlowRecord> Records { get; } = [];

    public void OnFlowEnd(in FlowRecord record) => Records.Add(record);

    public FlowRecord Single(FlowEndReason reason) => Assert.Single(Records, r => r.Reason == reason);

    /// <summary>The records so far, and forgets them.</summary>
    public List<FlowRecord> Take()
    {
        var copy = new List<FlowRecord>(Records);
        Records.Clear();
        return copy;
    }
}
