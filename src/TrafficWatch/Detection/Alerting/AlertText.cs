using System.Globalization;
using System.Text;
using TrafficWatch.Decode;

namespace TrafficWatch.Detection;

/// <summary>
/// Building blocks of alert explanations: plain English for someone who is not a network analyst. Text from
/// the wire (device names, DNS names) is kept as it is, since every output escapes for its own format, but is
/// cut to <see cref="MaxWireTextLength"/> characters so one hostile name cannot swamp a report.
/// </summary>
public static class AlertText
{
    /// <summary>Longest piece of wire text quoted in an explanation; longer text ends in "...".</summary>
    public const int MaxWireTextLength = 64;

    /// <summary>The text, cut to <paramref name="max"/> characters (the last three become "...").</summary>
    public static string Bound(string text, int max = MaxWireTextLength)
        => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 3), "...");

    /// <summary>"Camera", "NVR", "Sensor" ...: the device class as a reader would say it.</summary>
    public static string ClassNoun(string deviceClass) => deviceClass switch
    {
        "camera" => "Camera",
        "nvr" => "NVR",
        "iot-sensor" => "Sensor",
        "network" => "Network device",
        "office" => "Office device",
        "server" => "Server",
        _ => "Device",
    };

    /// <summary>"cameras", "NVRs", "sensors" ...: the plural for fleet statements.</summary>
    public static string ClassPlural(string deviceClass) => deviceClass switch
    {
        "camera" => "cameras",
        "nvr" => "NVRs",
        "iot-sensor" => "sensors",
        "network" => "network devices",
        "office" => "office devices",
        "server" => "servers",
        _ => "devices of unknown type",
    };

    /// <summary>
    /// "Camera 'lobby-cam' (Hikvision)", or "Camera 00:11:22:33:44:55 (10.20.0.5)" when the device has no name.
    /// </summary>
    public static string Device(AlertDevice device)
    {
        var sb = new StringBuilder(64);
        sb.Append(ClassNoun(device.Class)).Append(' ');
        if (!string.IsNullOrEmpty(device.Name))
        {
            sb.Append('\'').Append(Bound(device.Name)).Append('\'');
        }
        else
        {
            sb.Append(device.Mac.ToString());
            if (device.Address is { } address)
            {
                sb.Append(" (").Append(IpAddr.ToString(address)).Append(')');
            }
        }
        if (!string.IsNullOrEmpty(device.Vendor))
        {
            sb.Append(" (").Append(VendorName(device.Vendor)).Append(')');
        }
        return sb.ToString();
    }

    /// <summary>
    /// "203.0.113.7 (CN, AS4134 Chinanet)", or "evil.example (203.0.113.7, CN, AS4134 Chinanet)" when the name is known;
    /// with <paramref name="withPort"/> the port follows the address ("203.0.113.7:443").
    /// </summary>
    public static string Destination(AlertDestination destination, bool withPort = false)
    {
        var address = IpAddr.ToString(destination.Address);
        if (withPort)
        {
            address = IpAddr.IsIPv4(destination.Address)
                ? string.Create(CultureInfo.InvariantCulture, $"{address}:{destination.Port}")
                : string.Create(CultureInfo.InvariantCulture, $"[{address}]:{destination.Port}");
        }
        var sb = new StringBuilder(80);
        var details = new List<string>(3);
        if (!string.IsNullOrEmpty(destination.Name))
        {
            sb.Append(Bound(destination.Name));
            details.Add(address);
        }
        else
        {
            sb.Append(address);
        }
        if (!string.IsNullOrEmpty(destination.Country))
        {
            details.Add(destination.Country);
        }
        if (destination.Asn is { } asn)
        {
            var org = string.IsNullOrEmpty(destination.AsnOrganization) ? "" : " " + Bound(destination.AsnOrganization, 40);
            details.Add(string.Create(CultureInfo.InvariantCulture, $"AS{asn}{org}"));
        }
        if (details.Count > 0)
        {
            sb.Append(" (").AppendJoin(", ", details).Append(')');
        }
        return sb.ToString();
    }

    /// <summary>"512 bytes", "12 kB", "4.9 MB", "48 MB", "1.2 GB" (decimal units, as network tools count).</summary>
    public static string Bytes(long bytes)
    {
        if (bytes < 1_000)
        {
            return bytes == 1 ? "1 byte" : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
        }
        ReadOnlySpan<string> units = ["kB", "MB", "GB", "TB", "PB"];
        double value = bytes;
        var unit = -1;
        while (value >= 999.95 && unit < units.Length - 1)
        {
            value /= 1_000;
            unit++;
        }
        return value < 9.95
            ? string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0} {units[unit]}");
    }

    /// <summary>"45 s", "10 minutes", "1 hour", "3 hours", "2 days".</summary>
    public static string Duration(long seconds)
    {
        static string Plural(long n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")}");
        return seconds switch
        {
            < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds} s"),
            < 7_200 when seconds % 3_600 != 0 => Plural(seconds / 60, "minute"),
            < 172_800 when seconds % 86_400 != 0 => Plural(seconds / 3_600, "hour"),
            _ => Plural(seconds / 86_400, "day"),
        };
    }

    /// <summary>"the last hour", "the last 10 minutes".</summary>
    public static string LastPeriod(long seconds) => seconds == 3_600 ? "the last hour" : "the last " + Duration(seconds);

    /// <summary>A vendor id such as <c>hikvision</c> shown as "Hikvision"; organisation names are kept as they are.</summary>
    public static string VendorName(string vendor)
    {
        var bounded = Bound(vendor, 40);
        foreach (var c in bounded)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return bounded;
            }
        }
        return bounded.Length == 0 ? bounded : string.Concat(char.ToUpperInvariant(bounded[0]).ToString(), bounded.AsSpan(1));
    }

    /// <summary>A new alert for <paramref name="rule"/> with its identity fields filled in.</summary>
    public static Alert Create(AlertRule rule, PacketTime timestamp, AlertDevice device, string explanation) => new()
    {
        Rule = rule.Rule,
        SignatureId = rule.SignatureId,
        Signature = rule.Signature,
        Category = rule.Category,
        Severity = rule.Severity,
        Timestamp = timestamp,
        Device = device,
        Explanation = explanation,
    };
}
