using TrafficWatch.Decode;
using TrafficWatch.Decode.App;

namespace TrafficWatch.Flows;

/// <summary>
/// Told about each application message (DNS, DHCP, TLS ClientHello, HTTP request, SSDP, ARP, NDP) on the flow thread,
/// in packet order, after the packet was counted in its flow. <c>slot</c> is that flow's slot
/// (for <see cref="FlowTable.Describe"/> and annotations), or -1 for frames without a flow (ARP).
/// </summary>
public interface IAppMessageObserver
{
    void OnAppMessage(FlowTable flows, int slot, in PacketMeta meta, IAppMessage message);
}
