using TrafficWatch.Decode;

namespace TrafficWatch.Outputs.Email;

/// <summary>Per-route scheduling state: the open digest window, send times of the last hour, suppressed alerts.</summary>
internal sealed class RouteState(int index, EmailRoute route)
{
    public int Index { get; } = index;

    public EmailRoute Route { get; } = route;

    public Dictionary<(MacAddress Mac, string Rule), AlertGroup> Pending { get; } = [];

    /// <summary>Pending groups in arrival order (the dictionary does not keep order after removals).</summary>
    public List<AlertGroup> PendingOrder { get; } = [];

    public PacketTime WindowStart { get; set; }

    public PacketTime WindowEnd { get; set; }

    /// <summary>Packet times of the mails sent in the last hour (oldest first).</summary>
    public Queue<PacketTime> Sent { get; } = new();

    public long Suppressed { get; set; }

    public PacketTime SuppressedSince { get; set; }

    public void ClearPending()
    {
        Pending.Clear();
        PendingOrder.Clear();
    }
}
