namespace TrafficWatch.Flows;

/// <summary>
/// Told about each new flow right after its first packet was counted (flow thread, synchronously). It may read the
/// flow with <see cref="FlowTable.Describe"/> and annotate it (<see cref="FlowTable.SetDestinationName"/>,
/// <see cref="FlowTable.GetOrCreateApp"/>), but must not process packets or advance time.
/// </summary>
public interface IFlowStartObserver
{
    void OnFlowStart(FlowTable table, int slot, in Decode.PacketMeta meta);
}
