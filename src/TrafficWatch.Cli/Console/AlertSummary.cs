using System.Globalization;
using TrafficWatch.Detection;
using TrafficWatch.Pipeline;

namespace TrafficWatch.Cli.Console;

/// <summary>The readable alert summary printed after a run: counts by rule and severity, then the first alerts, one line each.</summary>
internal static class AlertSummary
{
    public const int MaxListed = 20;

    public static void Write(TextWriter w, MonitorSession session)
    {
        var ci = CultureInfo.InvariantCulture;
        var alerts = session.Alerts.Alerts;
        var gate = session.Gate;
        if (session.Detection is null)
        {
            w.WriteLine("  alerts    detection is off (Detection:Enabled = false)");
            return;
        }
        w.WriteLine(string.Create(ci, $"  alerts    {gate.Forwarded:N0} ({gate.Duplicates:N0} repeats within the cooldown and {gate.Suppressed:N0} suppressed not counted)"));
        if (alerts.Count == 0)
        {
            return;
        }
        var byRule = new SortedDictionary<string, (int Count, AlertSeverity Severity)>(StringComparer.Ordinal);
        foreach (var alert in alerts)
        {
            var current = byRule.GetValueOrDefault(alert.Rule);
            byRule[alert.Rule] = (current.Count + 1, alert.Severity);
        }
        foreach (var (rule, (count, severity)) in byRule)
        {
            w.WriteLine(string.Create(ci, $"            {count,6:N0}  {rule} ({severity.ToString().ToLowerInvariant()})"));
        }
        var listed = 0;
        foreach (var alert in alerts)
        {
            if (listed++ == MaxListed)
            {
                w.WriteLine(string.Create(ci, $"            ... {alerts.Count - MaxListed:N0} more in the EVE output (event_type alert)"));
                break;
            }
            var time = alert.Timestamp.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", ci);
            w.WriteLine($"  [{alert.Severity.ToString().ToUpperInvariant()}] {time} {alert.Rule}: {TerminalText.Safe(alert.Explanation)}");
        }
    }
}
