using TrafficWatch.Decode;
using TrafficWatch.Detection;

namespace TrafficWatch.Outputs.Email;

/// <summary>
/// The alerts of one device for one rule within a digest window (or the single alert of an immediate mail):
/// a count, the time span, the most severe and the latest alert, and the distinct destinations (bounded).
/// </summary>
public sealed class AlertGroup
{
    /// <summary>Destinations listed per group; the rest are counted.</summary>
    public const int MaxDestinations = 10;

    private readonly List<AlertDestination> _destinations = [];
    private readonly HashSet<(UInt128 Address, ushort Port, byte Protocol)> _seen = [];

    public AlertGroup(Alert first)
    {
        ArgumentNullException.ThrowIfNull(first);
        Mac = first.Device.Mac;
        Rule = first.Rule;
        Latest = first;
        MostSevere = first;
        FirstTimestamp = first.Timestamp;
        LastTimestamp = first.Timestamp;
        Count = 1;
        BytesOut = first.BytesOut;
        BytesIn = first.BytesIn;
        AddDestination(first.Destination);
    }

    public MacAddress Mac { get; }

    public string Rule { get; }

    public int Count { get; private set; }

    public Alert Latest { get; private set; }

    public Alert MostSevere { get; private set; }

    public PacketTime FirstTimestamp { get; private set; }

    public PacketTime LastTimestamp { get; private set; }

    public IReadOnlyList<AlertDestination> Destinations => _destinations;

    /// <summary>Distinct destinations seen beyond <see cref="MaxDestinations"/>.</summary>
    public int MoreDestinations => _seen.Count - _destinations.Count;

    /// <summary>Sum of the alerts' upload bytes (evidence windows of repeated alerts may overlap).</summary>
    public long BytesOut { get; private set; }

    /// <summary>Sum of the alerts' download bytes.</summary>

    public long BytesIn { get; private set; }

    internal void Add(Alert alert)
    {
        Count++;
        if (alert.Timestamp >= LastTimestamp)
        {
            Latest = alert;
            LastTimestamp = alert.Timestamp;
        }
        if (alert.Timestamp < FirstTimestamp)
        {
            FirstTimestamp = alert.Timestamp;
        }
        if ((byte)alert.Severity < (byte)MostSevere.Severity)
        {
            MostSevere = alert;
        }
        BytesOut += alert.BytesOut;
        BytesIn += alert.BytesIn;
        AddDestination(alert.Destination);
    }

    private void AddDestination(AlertDestination? destination)
    {
        if (destination is not null && _seen.Add((destination.Address, destination.Port, destination.Protocol))
            && _destinations.Count < MaxDestinations)
        {
            _destinations.Add(destination);
        }
    }
}
