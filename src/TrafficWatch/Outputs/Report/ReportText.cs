using System.Globalization;
using System.Text;
using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Detection;

namespace TrafficWatch.Outputs.Report;

/// <summary>Formatting shared by the report writers: invariant culture, UTC, control characters removed.</summary>
public static class ReportText
{
    private static readonly CultureInfo s_ci = CultureInfo.InvariantCulture;

    /// <summary>Replaces control characters (newlines, escape sequences, bidi overrides, NUL …) by <c>U+FFFD</c>, so hostile text keeps one line.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var bad = char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
                || (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1])));
            if (bad)
            {
                sb ??= new StringBuilder(text, 0, i, text.Length);
                sb.Append('\uFFFD');
            }
            else
            {
                sb?.Append(c);
            }
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>Replaces lone surrogates by <c>U+FFFD</c> (everything else kept), so strict encoders accept the text.</summary>
    public static string ValidUtf16(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    /// <summary><c>2025-06-02 08:00:00.123 UTC</c>.</summary>
    public static string Time(PacketTime time)
        => time.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss.fff", s_ci) + " UTC";

    /// <summary><c>2025-06-02 08:00 UTC</c>.</summary>
    public static string Date(DateTimeOffset time)
        => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", s_ci) + " UTC";

    /// <summary><c>1h 02m 03s</c>.</summary>
    public static string Duration(PacketTime from, PacketTime to)
    {
        var seconds = Math.Max(0, (to.Nanoseconds - from.Nanoseconds) / PacketTime.NanosPerSecond);
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalHours >= 1
            ? string.Create(s_ci, $"{(long)span.TotalHours}h {span.Minutes:00}m {span.Seconds:00}s")
            : string.Create(s_ci, $"{span.Minutes}m {span.Seconds:00}s");
    }

    /// <summary><c>1.5 MB</c> (powers of 1000, as network tools count), exact below 1 kB.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB", "PB"];
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1000 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? string.Create(s_ci, $"{bytes} B") : string.Create(s_ci, $"{value:0.0} {units[unit]}");
    }

    public static string Number(long value) => value.ToString("N0", s_ci);

    public static string Address(UInt128 address) => IpAddr.ToString(address);

    public static string Mac(MacAddress mac) => mac.ToString();

    public static string Percent(double fraction) => (fraction * 100).ToString("0", s_ci) + " %";

    public static string SeverityName(AlertSeverity severity) => severity switch
    {
        AlertSeverity.High => "high",
        AlertSeverity.Medium => "medium",
        AlertSeverity.Low => "low",
        _ => ((int)severity).ToString(s_ci),
    };

    /// <summary>Counts of alerts by severity, high first (every severity present, zero when none).</summary>
    public static IReadOnlyList<(AlertSeverity Severity, int Count)> AlertsBySeverity(IReadOnlyList<Alert> alerts)
        => [.. new[] { AlertSeverity.High, AlertSeverity.Medium, AlertSeverity.Low }.Select(s => (s, alerts.Count(a => a.Severity == s)))];

    /// <summary>
    /// The shell command that extracts an alert's evidence: <c>trafficwatch extract INPUTS --out alert-ID.pcap --alert ID --eve EVE</c>
    /// when the report knows the EVE file, else by flow id, else by device and time window. Arguments are quoted for a POSIX shell.
    /// </summary>
    public static string ExtractCommand(ReportData data, Alert alert)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(alert);
        var id = alert.Id.ToString(s_ci);
        var sb = new StringBuilder("trafficwatch extract");
        foreach (var input in data.Inputs)
        {
            sb.Append(' ').Append(ShellQuote(input));
        }
        sb.Append(" --out alert-").Append(id).Append(".pcap");
        if (data.EvePath is { } eve)
        {
            sb.Append(" --alert ").Append(id).Append(" --eve ").Append(ShellQuote(eve));
        }
        else if (alert.FlowId is { } flow)
        {
            sb.Append(" --flow-id ").Append(flow.ToString(s_ci));
        }
        else
        {
            sb.Append(" --device ").Append(alert.Device.Mac.ToString());
            if (alert.FirstSeen != PacketTime.Zero && alert.LastSeen >= alert.FirstSeen)
            {
                sb.Append(" --from ").Append(TimeWindowText.Format(alert.FirstSeen))
                  .Append(" --to ").Append(TimeWindowText.Format(new PacketTime(alert.LastSeen.Nanoseconds + 1_000)));
            }
        }
        return sb.ToString();
    }

    /// <summary>Quotes for a POSIX shell when needed: <c>'it'\''s here'</c>. Control characters are replaced first.</summary>
    public static string ShellQuote(string text)
    {
        var clean = Clean(text);
        if (clean.Length > 0 && clean.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or ':' or '@' or '%' or '+' or '=' or ',' or '-'))
        {
            return clean;
        }
        return "'" + clean.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
