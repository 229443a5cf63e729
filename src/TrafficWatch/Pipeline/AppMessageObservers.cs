using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Flows;

namespace TrafficWatch.Pipeline;

/// <summary>Hands each application message to several observers in order (naming first, then devices, outputs ...).</summary>
public sealed class AppMessageObservers(params IAppMessageObserver[] observers) : IAppMessageObserver
{
    public void OnAppMessage(FlowTable flows, int slot, in PacketMeta meta, IAppMessage message)
    {
        foreach (var observer in observers)
        {
            observer.OnAppMessage(flows, slot, in meta, message);
        }
    }
}
