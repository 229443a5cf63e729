using TrafficWatch.Flows;

namespace TrafficWatch.Pipeline;

/// <summary>Hands each flow record to several sinks in order (EVE output, metrics ...).</summary>
public sealed class FlowSinks(params IFlowSink[] sinks) : IFlowSink
{
    public void OnFlowEnd(in FlowRecord record)
    {
        foreach (var sink in sinks)
        {
            sink.OnFlowEnd(in record);
        }
    }
}
