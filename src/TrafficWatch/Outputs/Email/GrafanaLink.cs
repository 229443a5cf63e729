using System.Globalization;
using TrafficWatch.Decode;

namespace TrafficWatch.Outputs.Email;

/// <summary>Link to the Grafana device dashboard (uid <see cref="EmailOptions.DeviceDashboardUid"/>) for one device
/// and time range: <c>{base}/d/trafficwatch-device?var-device={mac}&amp;from={epoch ms}&amp;to={epoch ms}</c>.</summary>
public static class GrafanaLink
{
    /// <summary>Margin added before and after the alert's time range, so the context is visible.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    /// <summary>The URL, or null when no base URL is configured.</summary>
    public static string? ForDevice(string? baseUrl, MacAddress device, PacketTime from, PacketTime to)
    {
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            return null;
        }
        if (to < from)
        {
            (from, to) = (to, from);
        }
        var marginMs = (long)Margin.TotalMilliseconds;
        var fromMs = from.Nanoseconds / 1_000_000 - marginMs;
        var toMs = to.Nanoseconds / 1_000_000 + marginMs;
        return string.Create(CultureInfo.InvariantCulture,
            $"{baseUrl.TrimEnd('/')}/d/{EmailOptions.DeviceDashboardUid}?var-device={Uri.EscapeDataString(device.ToString())}&from={fromMs}&to={toMs}");
    }
}
