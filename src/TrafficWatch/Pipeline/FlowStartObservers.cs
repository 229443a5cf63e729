using TrafficWatch.Decode;
using TrafficWatch.Flows;

namespace TrafficWatch.Pipeline;

/// <summary>Tells several observers about each new flow, in order.</summary>
public sealed class FlowStartObservers(params IFlowStartObserver[] observers) : IFlowStartObserver
{
    public void OnFlowStart(FlowTable table, int slot, in PacketMeta meta)
    {
        foreach (var observer in observers)
        {
            observer.OnFlowStart(table, slot, in meta);
        }
    }
}
