using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Support;

/// <summary>Keeps every flow record it is given, in order.</summary>
public sealed class CollectingFlowSink : IFlowSink
{
    public List<FlowRecord> Records { get; } = [];

    public void OnFlowEnd(in FlowRecord record) => Records.Add(record);
}
