using TrafficWatch.Capture;
using TrafficWatch.Decode;

namespace TrafficWatch.Outputs.Evidence;

/// <summary>What an EVE <c>alert</c> event says about where its evidence is.</summary>
public sealed record EveAlertReference
{
    public required long AlertId { get; init; }

    /// <summary><c>alert.signature</c> (hostile text from the EVE file; escape before display).</summary>
    public string? Signature { get; init; }

    /// <summary>Top-level <c>flow_id</c>, when the alert has a flow.</summary>
    public long? FlowId { get; init; }

    /// <summary><c>device.mac</c>.</summary>
    public MacAddress? DeviceMac { get; init; }

    /// <summary><c>first_seen</c> (EVE time strings have microseconds).</summary>
    public PacketTime? FirstSeen { get; init; }

    public PacketTime? LastSeen { get; init; }

    /// <summary>
    /// The extraction this alert calls for: its flow when it has one, else its device's packets from
    /// <see cref="FirstSeen"/> to <see cref="LastSeen"/> inclusive (the window ends one microsecond after it, the EVE
    /// resolution). Null when the event names neither a flow nor a device.
    /// </summary>
    public EvidenceQuery? ToQuery()
    {
        if (FlowId is { } flow)
        {
            return EvidenceQuery.ForFlow(flow);
        }
        if (DeviceMac is not { } mac)
        {
            return null;
        }
        PacketTime? to = LastSeen is { } last ? new PacketTime(last.Nanoseconds + 1_000) : null;
        return EvidenceQuery.ForDevice(mac, new TimeWindow(FirstSeen, to));
    }
}
