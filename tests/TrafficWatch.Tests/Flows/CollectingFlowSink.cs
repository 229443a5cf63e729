using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Flows;

/// <summary>Test double: keeps every record it is given, in order.</summary>
internal sealed class CollectingFlowSink : IFlowSink
{
    public List<FlowRecord> Records { get; } = [];

    public void OnFlowEnd(in FlowRecord record) => Records.Add(record);

    public FlowRecord Single(FlowEndReason reason) => Assert.Single(Records, r => r.Reason == reason);

    public List<FlowRecord> Take()
    {
        var copy = new List<FlowRecord>(Records);
        Records.Clear();
        return copy;
    }
}
