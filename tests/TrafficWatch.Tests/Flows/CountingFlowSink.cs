using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Flows;

/// <summary>Test double that allocates nothing: counts records and sums their packets.</summary>
internal sealed class CountingFlowSink : IFlowSink
{
    public long Count;
    public long DeltaPackets;

    public void OnFlowEnd(in FlowRecord record)
    {
        Count++;
        DeltaPackets += record.DeltaPktsToServer + record.DeltaPktsToClient;
    }
}
