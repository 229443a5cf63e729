using System.Globalization;
using System.Text;
using TrafficWatch.Detection;

namespace TrafficWatch.Outputs.Report;

/// <summary>
/// Renders a <see cref="ReportData"/> as Markdown for tickets (GitHub/GitLab flavoured): summary, inventory table,
/// destinations, outbound bytes by country and every alert with its evidence command. Text is made inert:
/// control characters removed, <c>&amp; &lt; &gt;</c> as entities, Markdown punctuation and table pipes
/// backslash-escaped, so a hostile name can neither inject HTML nor break a table. Deterministic.
/// </summary>
public static class ReportMarkdownWriter
{
    private static readonly CultureInfo s_ci = CultureInfo.InvariantCulture;

    public static string Render(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sb = new StringBuilder(32 * 1024);
        sb.Append("# TrafficWatch incident report\n\n");
        Summary(sb, data);
        Devices(sb, data);
        Destinations(sb, data);
        Countries(sb, data);
        Alerts(sb, data);
        Versions(sb, data);
        return sb.ToString();
    }

    /// <summary>Makes text inert in Markdown (inline and in table cells).</summary>
    public static string Escape(string? text)
    {
        var clean = ReportText.Clean(text);
        var sb = new StringBuilder(clean.Length + 8);
        foreach (var c in clean)
        {
            switch (c)
            {
                case '&':
                    sb.Append("&amp;");
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                // No '[' or ']': no link or image; '(' and ')' alone are harmless and stay readable.
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '!' or '|' or '~' or '$':
                    sb.Append('\\').Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A fenced code block whose fence is longer than any backtick run inside (so content cannot close it).</summary>
    public static string CodeBlock(string code)
    {
        var clean = ReportText.Clean(code);
        int longest = 0, run = 0;
        foreach (var c in clean)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}sh\n{clean}\n{fence}\n";
    }

    private static void Summary(StringBuilder sb, ReportData data)
    {
        sb.Append("## Summary\n\n");
        if (data.FirstPacket is { } first && data.LastPacket is { } last)
        {
            Item(sb, "Time span", $"{ReportText.Time(first)} to {ReportText.Time(last)} ({ReportText.Duration(first, last)})");
        }
        else
        {
            Item(sb, "Time span", "no packets");
        }
        Item(sb, "Inputs", data.Inputs.Count == 0 ? "none" : string.Join(", ", data.Inputs));
        Item(sb, "Packets", $"{ReportText.Number(data.Packets)} ({ReportText.Bytes(data.Bytes)})");
        Item(sb, "Flows", ReportText.Number(data.Flows));
        Item(sb, "Decode errors", ReportText.Number(data.DecodeErrors));
        Item(sb, "Devices", ReportText.Number(data.Devices.Count));
        Item(sb, "Alerts", ReportText.Number(data.Alerts.Count) + " ("
            + string.Join(", ", ReportText.AlertsBySeverity(data.Alerts).Select(static s => $"{s.Count} {ReportText.SeverityName(s.Severity)}")) + ")");
        sb.Append('\n');
    }

    private static void Devices(StringBuilder sb, ReportData data)
    {
        sb.Append("## Device inventory\n\n");
        if (data.Devices.Count == 0)
        {
            sb.Append("No devices.\n\n");
            return;
        }
        var alertsByMac = data.Alerts.GroupBy(static a => a.Device.Mac).ToDictionary(static g => g.Key, static g => g.Count());
        Row(sb, "MAC", "Names", "Vendor", "Class", "Addresses", "VLAN", "Zone", "Registered", "First seen", "Last seen", "Out", "In", "Alerts");
        sb.Append("|---|---|---|---|---|--:|---|---|---|---|--:|--:|--:|\n");
        foreach (var d in data.Devices)
        {
            alertsByMac.TryGetValue(d.Mac, out var alerts);
            Row(sb, d.Mac.ToString(), d.Names.Count == 0 ? "-" : string.Join(", ", d.Names), d.Vendor ?? "-",
                $"{d.Class} ({ReportText.Percent(d.ClassConfidence)})",
                d.Addresses.Count == 0 ? "-" : string.Join(", ", d.Addresses.Select(ReportText.Address)),
                d.Vlan.ToString(s_ci), d.Zone ?? "-", d.Registered ? "yes" : "no", ReportText.Time(d.FirstSeen), ReportText.Time(d.LastSeen),
                ReportText.Bytes(d.BytesOut), ReportText.Bytes(d.BytesIn), alerts.ToString(s_ci));
        }
        sb.Append('\n');
    }

    private static void Destinations(StringBuilder sb, ReportData data)
    {
        sb.Append("## External destinations per device\n\n");
        var any = false;
        foreach (var d in data.Devices.Where(static d => d.ExternalDestinations.Count > 0))
        {
            any = true;
            sb.Append("### ").Append(Escape(d.Names.Count > 0 ? $"{d.Names[0]} ({d.Mac})" : d.Mac.ToString())).Append("\n\n");
            Row(sb, "Address", "Port", "Name", "Country", "AS", "Out", "In", "Flows");
            sb.Append("|---|--:|---|---|---|--:|--:|--:|\n");
            foreach (var x in d.ExternalDestinations)
            {
                Row(sb, ReportText.Address(x.Address), x.Port.ToString(s_ci),
                    x.Name is null ? "-" : x.NameSource is null ? x.Name : $"{x.Name} ({x.NameSource})",
                    x.Country ?? "-", ReportHtmlWriter.AsLabel(x.Asn, x.AsnOrganization),
                    ReportText.Bytes(x.BytesOut), ReportText.Bytes(x.BytesIn), ReportText.Number(x.Flows));
            }
            sb.Append('\n');
        }
        if (!any)
        {
            sb.Append("No device talked to an external address.\n\n");
        }
    }

    private static void Countries(StringBuilder sb, ReportData data)
    {
        sb.Append("## Outbound bytes by country\n\n");
        if (data.Series.OutboundByCountry.Count == 0)
        {
            sb.Append("No outbound traffic.\n\n");
            return;
        }
        Row(sb, "Country", "Bytes");
        sb.Append("|---|--:|\n");
        foreach (var c in data.Series.OutboundByCountry)
        {
            Row(sb, c.Country, ReportText.Bytes(c.Bytes));
        }
        sb.Append("\nCharts of bytes over time are in the HTML report.\n\n");
    }

    private static void Alerts(StringBuilder sb, ReportData data)
    {
        sb.Append("## Alerts\n\n");
        if (data.Alerts.Count == 0)
        {
            sb.Append("No alerts.\n\n");
            return;
        }
        foreach (var a in data.Alerts)
        {
            sb.Append("### ").Append(Escape($"[{ReportText.SeverityName(a.Severity).ToUpperInvariant()}] {a.Signature}")).Append("\n\n");
            sb.Append(Escape(a.Explanation)).Append("\n\n");
            Item(sb, "Alert id", a.Id.ToString(s_ci));
            Item(sb, "Rule", string.Create(s_ci, $"{a.Rule} (signature {a.SignatureId}, {a.Category})"));
            Item(sb, "Raised at", ReportText.Time(a.Timestamp));
            Item(sb, "Device", ReportHtmlWriter.DeviceLabel(a.Device));
            if (a.Destination is { } d)
            {
                Item(sb, "Destination", ReportHtmlWriter.DestinationLabel(d)
                    + (d.Country is null ? string.Empty : ", " + d.Country)
                    + (d.Asn is null && d.AsnOrganization is null ? string.Empty : ", " + ReportHtmlWriter.AsLabel(d.Asn, d.AsnOrganization)));
            }
            Item(sb, "Traffic", $"{ReportText.Bytes(a.BytesOut)} out, {ReportText.Bytes(a.BytesIn)} in");
            if (a.FirstSeen != PacketTime.Zero || a.LastSeen != PacketTime.Zero)
            {
                Item(sb, "Evidence window", $"{ReportText.Time(a.FirstSeen)} to {ReportText.Time(a.LastSeen)}");
            }
            if (a.FlowId is { } flow)
            {
                Item(sb, "Flow id", flow.ToString(s_ci));
            }
            if (a.PolicyLine is not null)
            {
                Item(sb, "Policy", a.PolicyLine);
            }
            if (a.Advice is not null)
            {
                Item(sb, "What to do", a.Advice);
            }
            sb.Append("\nEvidence:\n\n").Append(CodeBlock(ReportText.ExtractCommand(data, a))).Append('\n');
        }
    }

    private static void Versions(StringBuilder sb, ReportData data)
    {
        sb.Append("## Versions\n\n");
        Item(sb, "TrafficWatch", data.ToolVersion);
        Item(sb, "Signatures", data.SignaturesVersion ?? "unknown");
        Item(sb, "GeoIP databases", data.GeoIpDatabases.Count == 0
            ? "none"
            : string.Join("; ", data.GeoIpDatabases.Select(static g => $"{g.DatabaseType} built {ReportText.Date(g.BuildTime)}")));
        if (data.EvePath is not null)
        {
            Item(sb, "EVE file", data.EvePath);
        }
    }

    private static void Item(StringBuilder sb, string name, string value)
        => sb.Append("- **").Append(Escape(name)).Append(":** ").Append(Escape(value)).Append('\n');

    private static void Row(StringBuilder sb, params string[] cells)
    {
        sb.Append('|');
        foreach (var cell in cells)
        {
            sb.Append(' ').Append(Escape(cell)).Append(" |");
        }
        sb.Append('\n');
    }
}
