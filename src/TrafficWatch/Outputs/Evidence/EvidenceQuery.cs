using TrafficWatch.Capture;
using TrafficWatch.Decode;

namespace TrafficWatch.Outputs.Evidence;

/// <summary>
/// Which packets to extract: those of one flow (<see cref="FlowId"/>, the EVE <c>flow_id</c>), or every frame with
/// <see cref="Device"/> as source or destination MAC; optionally only inside <see cref="Window"/> (packet time).
/// Exactly one of <see cref="FlowId"/> and <see cref="Device"/> is set.
/// </summary>
public sealed record EvidenceQuery
{
    public long? FlowId { get; init; }

    public MacAddress? Device { get; init; }

    /// <summary>Packets outside are not written (flows are still tracked over the whole input, so flow ids stay those of the replay).</summary>
    public TimeWindow Window { get; init; }

    public static EvidenceQuery ForFlow(long flowId, TimeWindow window = default) => new() { FlowId = flowId, Window = window };

    public static EvidenceQuery ForDevice(MacAddress mac, TimeWindow window = default) => new() { Device = mac, Window = window };

    /// <summary>For messages: <c>flow 123</c>, <c>device 00:11:22:33:44:55</c>, plus the window when bounded.</summary>
    public override string ToString()
    {
        var what = FlowId is { } id ? $"flow {id}" : $"device {Device}";
        return Window.IsUnbounded ? what : $"{what} in {Window}";
    }
}
