namespace TrafficWatch.Capture;

/// <summary>
/// A half-open range of packet time, <c>[From, To)</c>, for <c>replay --from/--to</c>. A missing bound is open:
/// <c>new TimeWindow(from, null)</c> keeps everything from <c>from</c> on.
/// </summary>
/// <param name="From">First packet time kept (inclusive), or null for no lower bound.</param>
/// <param name="To">Packet time where keeping stops (exclusive), or null for no upper bound.</param>
public readonly record struct TimeWindow(PacketTime? From, PacketTime? To)
{
    /// <summary>No bounds: every frame is kept.</summary>
    public bool IsUnbounded => From is null && To is null;

    /// <summary>False when both bounds are set and <see cref="From"/> is not before <see cref="To"/> (the window is empty).</summary>
    public bool IsValid => From is not { } f || To is not { } t || f < t;

    public bool Contains(PacketTime time) => (From is not { } f || time >= f) && (To is not { } t || time < t);

    /// <summary><c>[2025-06-02T08:00:00Z, 2025-06-02T09:00:00Z)</c>, with <c>..</c> for an open bound.</summary>
    public override string ToString() => $"[{Describe(From)}, {Describe(To)})";

    private static string Describe(PacketTime? bound) => bound is { } b ? TimeWindowText.Format(b) : "..";
}
