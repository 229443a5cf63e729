namespace TrafficWatch.Outputs.Email;

/// <summary>One mail the scheduler decided to send: to which route, what it carries, and the packet time it stands for.</summary>
public sealed class MailPlan
{
    public required AlertMailKind Kind { get; init; }

    /// <summary>Index of the route in <see cref="EmailOptions.AllRoutes"/>.</summary>
    public required int RouteIndex { get; init; }

    public required EmailRoute Route { get; init; }

    /// <summary>Packet time of the mail: the alert's timestamp (immediate), the window end or the last alert (digest).</summary>
    public required PacketTime At { get; init; }

    /// <summary>Digest window start (equal to <see cref="At"/> for immediate mails).</summary>
    public PacketTime WindowStart { get; init; }

    /// <summary>Groups in the order their first alert arrived; one group with one alert for an immediate mail.</summary>
    public IReadOnlyList<AlertGroup> Groups { get; init; } = [];

    /// <summary>Alerts the hourly cap held back on this route before this mail.</summary>
    public long SuppressedBefore { get; init; }

    /// <summary>Packet time of the first of those suppressed alerts.</summary>
    public PacketTime SuppressedSince { get; init; }

    public int AlertCount => Groups.Sum(static g => g.Count);
}
