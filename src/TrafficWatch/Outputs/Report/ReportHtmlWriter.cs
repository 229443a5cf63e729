using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using TrafficWatch.Detection;

namespace TrafficWatch.Outputs.Report;

/// <summary>
/// Renders a <see cref="ReportData"/> as one self-contained HTML file: inline CSS, charts as inline SVG drawn here,
/// no JavaScript and no external asset, a Content-Security-Policy that forbids both, and print styles. Every string
/// (data or not) goes through <see cref="HtmlEncoder"/>, which escapes for text and for quoted attribute values alike.
/// Deterministic: the same data gives the same bytes (invariant culture, <c>\n</c> line ends, no wall-clock time).
/// </summary>
/// <remarks>Stable hooks for tests and scripts: one <c>tr.device</c> per device, one <c>article.alert</c> per alert
/// (<c>id="alert-ID"</c>), <c>data-count</c> attributes on the summary cells.</remarks>
public static class ReportHtmlWriter
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private static readonly HtmlEncoder s_html = HtmlEncoder.Default;
    private static readonly CultureInfo s_ci = CultureInfo.InvariantCulture;

    private const string Css = """
        :root { --fg: #1b1f24; --muted: #5b6470; --line: #d5dae0; --high: #b3261e; --medium: #b26a00; --low: #2f6f9f; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); margin: 0 auto; max-width: 1180px; padding: 24px; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 20px 0 6px; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
        th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
        .nw { white-space: nowrap; } table.severity { width: auto; min-width: 260px; }
        th { background: #f2f4f7; } td.num, th.num { text-align: right; white-space: nowrap; }
        .muted { color: var(--muted); } .empty { color: var(--muted); font-style: italic; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 6px 0; }
        dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        .sev { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; text-transform: uppercase; }
        .sev-high { background: var(--high); } .sev-medium { background: var(--medium); } .sev-low { background: var(--low); }
        article.alert { border: 1px solid var(--line); border-left: 5px solid var(--low); padding: 8px 12px; margin: 10px 0; }
        article.alert.high { border-left-color: var(--high); } article.alert.medium { border-left-color: var(--medium); }
        pre { background: #f6f8fa; border: 1px solid var(--line); padding: 6px 8px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        figure.chart { margin: 8px 0 16px; } figure.chart svg { max-width: 100%; height: auto; }
        svg .grid { stroke: var(--line); stroke-width: 1; } svg .axis { font-size: 11px; fill: var(--muted); }
        ul.legend { list-style: none; padding: 0; margin: 4px 0; columns: 2; font-size: 12px; }
        .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; }
        nav a { margin-right: 12px; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          nav { display: none; }
          h2 { break-after: avoid; } article.alert, figure.chart, tr { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          .sev { color: #000; border: 1px solid #000; background: none; }
        }
        """;

    /// <summary>The whole document.</summary>
    public static string Render(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sb = new StringBuilder(64 * 1024);
        var span = data.FirstPacket is { } f && data.LastPacket is { } l
            ? $"{ReportText.Time(f)} to {ReportText.Time(l)}"
            : "no packets";
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(H(ContentSecurityPolicy)).Append("\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"generator\" content=\"").Append(H("TrafficWatch " + data.ToolVersion)).Append("\">\n")
          .Append("<title>").Append(H("TrafficWatch report: " + span)).Append("</title>\n")
          .Append("<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<header>\n<h1>TrafficWatch incident report</h1>\n<p class=\"muted\">").Append(H(span)).Append("</p>\n")
          .Append("<nav><a href=\"#summary\">Summary</a><a href=\"#devices\">Devices</a><a href=\"#destinations\">Destinations</a>")
          .Append("<a href=\"#charts\">Charts</a><a href=\"#alerts\">Alerts</a><a href=\"#versions\">Versions</a></nav>\n</header>\n");
        Summary(sb, data);
        Devices(sb, data);
        Destinations(sb, data);
        Charts(sb, data);
        Alerts(sb, data);
        Versions(sb, data);
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static string H(string? text) => s_html.Encode(ReportText.Clean(text));

    private static string N(long value) => H(ReportText.Number(value));

    private static void Summary(StringBuilder sb, ReportData data)
    {
        sb.Append("<section id=\"summary\">\n<h2>Summary</h2>\n<dl class=\"facts\">\n");
        if (data.FirstPacket is { } first && data.LastPacket is { } last)
        {
            Fact(sb, "Time span", $"{ReportText.Time(first)} to {ReportText.Time(last)} ({ReportText.Duration(first, last)})");
        }
        else
        {
            Fact(sb, "Time span", "no packets");
        }
        Fact(sb, "Inputs", data.Inputs.Count == 0 ? "none" : string.Join(", ", data.Inputs.Select(ReportText.Clean)));
        CountFact(sb, "Packets", "packets", data.Packets, $" ({ReportText.Bytes(data.Bytes)})");
        CountFact(sb, "Flows", "flows", data.Flows, string.Empty);
        CountFact(sb, "Decode errors", "decode-errors", data.DecodeErrors, string.Empty);
        CountFact(sb, "Devices", "devices", data.Devices.Count, string.Empty);
        CountFact(sb, "Alerts", "alerts", data.Alerts.Count, string.Empty);
        sb.Append("</dl>\n<h3>Alerts by severity</h3>\n<table class=\"severity\">\n<thead><tr><th>Severity</th><th class=\"num\">Alerts</th></tr></thead>\n<tbody>\n");
        foreach (var (severity, count) in ReportText.AlertsBySeverity(data.Alerts))
        {
            var name = ReportText.SeverityName(severity);
            sb.Append("<tr><td><span class=\"sev sev-").Append(H(name)).Append("\">").Append(H(name)).Append("</span></td><td class=\"num\" data-severity=\"")
              .Append(H(name)).Append("\" data-count=\"").Append(count).Append("\">").Append(N(count)).Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        if (data.Alerts.Count > 0)
        {
            sb.Append("<h3>Alert list</h3>\n<table class=\"alert-list\">\n<thead><tr><th>Time</th><th>Severity</th><th>Alert</th><th>Device</th><th>Destination</th></tr></thead>\n<tbody>\n");
            foreach (var a in data.Alerts)
            {
                var id = a.Id.ToString(s_ci);
                sb.Append("<tr><td class=\"nw\">").Append(H(ReportText.Time(a.Timestamp))).Append("</td><td>").Append(H(ReportText.SeverityName(a.Severity)))
                  .Append("</td><td><a href=\"#alert-").Append(id).Append("\">").Append(H(a.Signature)).Append("</a></td><td>")
                  .Append(H(DeviceLabel(a.Device))).Append("</td><td>").Append(H(a.Destination is { } d ? DestinationLabel(d) : "-")).Append("</td></tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
        }
        sb.Append("</section>\n");
    }

    private static void Devices(StringBuilder sb, ReportData data)
    {
        sb.Append("<section id=\"devices\">\n<h2>Device inventory (").Append(data.Devices.Count).Append(")</h2>\n");
        if (data.Devices.Count == 0)
        {
            sb.Append("<p class=\"empty\">No devices.</p>\n</section>\n");
            return;
        }
        var alertsByMac = data.Alerts.GroupBy(static a => a.Device.Mac).ToDictionary(static g => g.Key, static g => g.Count());
        sb.Append("<table class=\"inventory\">\n<thead><tr><th>MAC</th><th>Names</th><th>Vendor</th><th>Class</th><th>Addresses</th><th>VLAN</th>")
          .Append("<th>Zone</th><th>Registered</th><th>First seen</th><th>Last seen</th><th class=\"num\">Out</th><th class=\"num\">In</th><th class=\"num\">Alerts</th></tr></thead>\n<tbody>\n");
        foreach (var d in data.Devices)
        {
            var mac = ReportText.Mac(d.Mac);
            alertsByMac.TryGetValue(d.Mac, out var alerts);
            sb.Append("<tr class=\"device\" id=\"device-").Append(H(mac.Replace(':', '-'))).Append("\" data-mac=\"").Append(H(mac)).Append("\">")
              .Append("<td class=\"nw\"><code>").Append(H(mac)).Append("</code></td><td>").Append(H(d.Names.Count == 0 ? "-" : string.Join(", ", d.Names.Select(ReportText.Clean))))
              .Append("</td><td>").Append(H(d.Vendor ?? "-")).Append("</td><td title=\"").Append(H(string.Join("; ", d.ClassEvidence.Select(ReportText.Clean)))).Append("\">")
              .Append(H(d.Class)).Append(" <span class=\"muted\">").Append(H(ReportText.Percent(d.ClassConfidence))).Append("</span>");
            if (d.ClassEvidence.Count > 0)
            {
                sb.Append("<br><span class=\"muted\">").Append(H(string.Join("; ", d.ClassEvidence.Select(ReportText.Clean)))).Append("</span>");
            }
            sb.Append("</td><td>").Append(H(d.Addresses.Count == 0 ? "-" : string.Join(", ", d.Addresses.Select(ReportText.Address))))
              .Append("</td><td class=\"num\">").Append(d.Vlan).Append("</td><td>").Append(H(d.Zone ?? "-"))
              .Append("</td><td>").Append(d.Registered ? "yes" : "no").Append("</td><td class=\"nw\">").Append(H(ReportText.Time(d.FirstSeen)))
              .Append("</td><td class=\"nw\">").Append(H(ReportText.Time(d.LastSeen))).Append("</td><td class=\"num\">").Append(H(ReportText.Bytes(d.BytesOut)))
              .Append("</td><td class=\"num\">").Append(H(ReportText.Bytes(d.BytesIn))).Append("</td><td class=\"num\">").Append(alerts).Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Destinations(StringBuilder sb, ReportData data)
    {
        sb.Append("<section id=\"destinations\">\n<h2>External destinations per device</h2>\n");
        var any = false;
        foreach (var d in data.Devices)
        {
            if (d.ExternalDestinations.Count == 0)
            {
                continue;
            }
            any = true;
            sb.Append("<h3>").Append(H(DeviceTitle(d))).Append("</h3>\n<table class=\"destinations\">\n<thead><tr><th>Address</th><th class=\"num\">Port</th><th>Name</th>")
              .Append("<th>Country</th><th>AS</th><th class=\"num\">Out</th><th class=\"num\">In</th><th class=\"num\">Flows</th></tr></thead>\n<tbody>\n");
            foreach (var x in d.ExternalDestinations)
            {
                sb.Append("<tr class=\"destination\"><td><code>").Append(H(ReportText.Address(x.Address))).Append("</code></td><td class=\"num\">").Append(x.Port)
                  .Append("</td><td>").Append(H(x.Name ?? "-"));
                if (x.Name is not null && x.NameSource is not null)
                {
                    sb.Append(" <span class=\"muted\">(").Append(H(x.NameSource)).Append(")</span>");
                }
                sb.Append("</td><td>").Append(H(x.Country ?? "-")).Append("</td><td>").Append(H(AsLabel(x.Asn, x.AsnOrganization)))
                  .Append("</td><td class=\"num\">").Append(H(ReportText.Bytes(x.BytesOut))).Append("</td><td class=\"num\">").Append(H(ReportText.Bytes(x.BytesIn)))
                  .Append("</td><td class=\"num\">").Append(N(x.Flows)).Append("</td></tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
        }
        if (!any)
        {
            sb.Append("<p class=\"empty\">No device talked to an external address.</p>\n");
        }
        sb.Append("</section>\n");
    }

    private static void Charts(StringBuilder sb, ReportData data)
    {
        var s = data.Series;
        sb.Append("<section id=\"charts\">\n<h2>Charts</h2>\n<h3>Bytes over time per zone</h3>\n");
        ReportSvgCharts.LineChart(sb, "Bytes per zone", s.Zones, s.Start, s.IntervalSeconds);
        sb.Append("<h3>Bytes over time per flagged device</h3>\n");
        ReportSvgCharts.LineChart(sb, "Bytes per flagged device", s.FlaggedDevices, s.Start, s.IntervalSeconds);
        sb.Append("<h3>Outbound bytes by country</h3>\n");
        ReportSvgCharts.BarChart(sb, "Outbound bytes by destination country", [.. s.OutboundByCountry.Select(static c => (c.Country, c.Bytes))]);
        sb.Append("</section>\n");
    }

    private static void Alerts(StringBuilder sb, ReportData data)
    {
        sb.Append("<section id=\"alerts\">\n<h2>Alerts (").Append(data.Alerts.Count).Append(")</h2>\n");
        if (data.Alerts.Count == 0)
        {
            sb.Append("<p class=\"empty\">No alerts.</p>\n");
        }
        foreach (var a in data.Alerts)
        {
            var id = a.Id.ToString(s_ci);
            var severity = ReportText.SeverityName(a.Severity);
            sb.Append("<article class=\"alert ").Append(H(severity)).Append("\" id=\"alert-").Append(id).Append("\" data-alert-id=\"").Append(id).Append("\">\n")
              .Append("<h3><span class=\"sev sev-").Append(H(severity)).Append("\">").Append(H(severity)).Append("</span> ").Append(H(a.Signature)).Append("</h3>\n")
              .Append("<p class=\"explanation\">").Append(H(a.Explanation)).Append("</p>\n<dl class=\"facts\">\n");
            Fact(sb, "Alert id", id);
            Fact(sb, "Rule", string.Create(s_ci, $"{a.Rule} (signature {a.SignatureId}, {a.Category})"));
            Fact(sb, "Raised at", ReportText.Time(a.Timestamp));
            Fact(sb, "Device", DeviceLabel(a.Device) + DeviceDetails(a.Device));
            if (a.Destination is { } dest)
            {
                Fact(sb, "Destination", DestinationLabel(dest) + DestinationDetails(dest));
            }
            Fact(sb, "Traffic", $"{ReportText.Bytes(a.BytesOut)} out, {ReportText.Bytes(a.BytesIn)} in");
            if (a.FirstSeen != PacketTime.Zero || a.LastSeen != PacketTime.Zero)
            {
                Fact(sb, "Evidence window", $"{ReportText.Time(a.FirstSeen)} to {ReportText.Time(a.LastSeen)}");
            }
            if (a.FlowId is { } flow)
            {
                Fact(sb, "Flow id", flow.ToString(s_ci));
            }
            if (a.PolicyLine is not null)
            {
                Fact(sb, "Policy", a.PolicyLine);
            }
            if (a.Advice is not null)
            {
                Fact(sb, "What to do", a.Advice);
            }
            sb.Append("</dl>\n<p class=\"muted\">Extract the evidence packets:</p>\n<pre class=\"evidence-command\"><code>")
              .Append(H(ReportText.ExtractCommand(data, a))).Append("</code></pre>\n</article>\n");
        }
        sb.Append("</section>\n");
    }

    private static void Versions(StringBuilder sb, ReportData data)
    {
        sb.Append("<section id=\"versions\">\n<h2>Versions</h2>\n<dl class=\"facts\">\n");
        Fact(sb, "TrafficWatch", data.ToolVersion);
        Fact(sb, "Signatures", data.SignaturesVersion ?? "unknown");
        Fact(sb, "GeoIP databases", data.GeoIpDatabases.Count == 0
            ? "none"
            : string.Join("; ", data.GeoIpDatabases.Select(static g => $"{ReportText.Clean(g.DatabaseType)} built {ReportText.Date(g.BuildTime)}")));
        if (data.EvePath is not null)
        {
            Fact(sb, "EVE file", data.EvePath);
        }
        sb.Append("</dl>\n</section>\n");
    }

    private static void Fact(StringBuilder sb, string name, string value)
        => sb.Append("<dt>").Append(H(name)).Append("</dt><dd>").Append(H(value)).Append("</dd>\n");

    private static void CountFact(StringBuilder sb, string name, string key, long count, string suffix)
        => sb.Append("<dt>").Append(H(name)).Append("</dt><dd data-count-of=\"").Append(H(key)).Append("\" data-count=\"").Append(count.ToString(s_ci))
             .Append("\">").Append(N(count)).Append(H(suffix)).Append("</dd>\n");

    internal static string DeviceLabel(AlertDevice d)
        => d.Name is { Length: > 0 } name ? $"{ReportText.Clean(name)} ({d.Mac})" : d.Mac.ToString();

    private static string DeviceDetails(AlertDevice d)
    {
        var parts = new List<string>();
        if (d.Address is { } address)
        {
            parts.Add(ReportText.Address(address));
        }
        parts.Add(d.Vendor is null ? d.Class : $"{ReportText.Clean(d.Vendor)} {d.Class}");
        if (d.Vlan != 0)
        {
            parts.Add(string.Create(s_ci, $"VLAN {d.Vlan}"));
        }
        if (d.Zone is not null)
        {
            parts.Add("zone " + ReportText.Clean(d.Zone));
        }
        if (d.Site is not null)
        {
            parts.Add("site " + ReportText.Clean(d.Site));
        }
        if (d.Owner is not null)
        {
            parts.Add("owner " + ReportText.Clean(d.Owner));
        }
        parts.Add(d.Registered ? "registered" : "not in the asset register");
        return ", " + string.Join(", ", parts);
    }

    internal static string DestinationLabel(AlertDestination d)
    {
        var address = ReportText.Address(d.Address);
        var endpoint = d.Port == 0 ? address : (address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:{d.Port}" : $"{address}:{d.Port}");
        return d.Name is { Length: > 0 } name ? $"{ReportText.Clean(name)} ({endpoint})" : endpoint;
    }

    private static string DestinationDetails(AlertDestination d)
    {
        var parts = new List<string>();
        if (d.Country is not null)
        {
            parts.Add(ReportText.Clean(d.Country));
        }
        if (d.Asn is not null || d.AsnOrganization is not null)
        {
            parts.Add(AsLabel(d.Asn, d.AsnOrganization));
        }
        return parts.Count == 0 ? string.Empty : ", " + string.Join(", ", parts);
    }

    private static string DeviceTitle(ReportDevice d)
        => d.Names.Count > 0 ? $"{ReportText.Clean(d.Names[0])} ({d.Mac})" : d.Mac.ToString();

    internal static string AsLabel(uint? asn, string? organization)
        => (asn, organization) switch
        {
            (null, null) => "-",
            ({ } n, null) => string.Create(s_ci, $"AS{n}"),
            (null, { } o) => ReportText.Clean(o),
            ({ } n, { } o) => string.Create(s_ci, $"AS{n} {ReportText.Clean(o)}"),
        };
}
