using TrafficWatch.Detection;

namespace TrafficWatch.Outputs.Email;

/// <summary>
/// Who gets which alerts: recipients for alerts of at least <see cref="MinSeverity"/> from devices in one of
/// <see cref="Zones"/> (any zone when empty) and one of <see cref="Sites"/> (any site when empty). An alert
/// matching several routes is mailed on each (each route has its own digest and its own hourly cap).
/// </summary>
public sealed class EmailRoute
{
    /// <summary>Label used in logs, in the <c>X-TrafficWatch-Route</c> header and in suppression notes.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Recipient addresses (<c>camera-team@council.example</c> or <c>Camera team &lt;cams@council.example&gt;</c>).</summary>
    public List<string> To { get; set; } = [];

    /// <summary>Device zones this route covers (asset register / policy zone names, case-insensitive); empty: every zone.</summary>
    public List<string> Zones { get; set; } = [];

    /// <summary>Sites this route covers (case-insensitive); empty: every site.</summary>
    public List<string> Sites { get; set; } = [];

    /// <summary>Least severe alert this route receives. Defaults to <see cref="AlertSeverity.Low"/> (everything).</summary>
    public AlertSeverity MinSeverity { get; set; } = AlertSeverity.Low;

    /// <summary>True when the route wants this alert (severity, zone and site all match).</summary>
    public bool Matches(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return (byte)alert.Severity <= (byte)MinSeverity
            && Covers(Zones, alert.Device.Zone)
            && Covers(Sites, alert.Device.Site);
    }

    private static bool Covers(List<string> allowed, string? value)
    {
        if (allowed.Count == 0)
        {
            return true;
        }
        if (value is null)
        {
            return false;
        }
        foreach (var item in allowed)
        {
            if (string.Equals(item, value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
