using TrafficWatch.Flows;
using System.Globalization;
using System.Text;
using MimeKit;
using MimeKit.Utils;
using TrafficWatch.Decode;
using TrafficWatch.Detection;

namespace TrafficWatch.Outputs.Email;

/// <summary>
/// Turns a <see cref="MailPlan"/> into a MIME message with a plain-text and an HTML part. Every value from an
/// alert is treated as hostile: <see cref="MailText.Line"/> (no control characters, bounded) everywhere, and
/// HTML-escaped in the HTML part; headers are set through MimeKit's API only, never from raw text.
/// </summary>
public sealed class AlertMailComposer
{
    private const int SubjectMax = 200;
    private const int NameMax = 96;
    private const int ShortMax = 64;
    private const int SentenceMax = 1_000;
    private const int PolicyMax = 500;

    private readonly EmailOptions _options;
    private readonly MailboxAddress _from;
    private readonly string _messageIdDomain;

    public AlertMailComposer(EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _from = MailboxAddress.Parse(options.From ?? throw new ArgumentException("Email:From is required.", nameof(options)));
        var at = _from.Address.LastIndexOf('@');
        _messageIdDomain = at >= 0 && at < _from.Address.Length - 1 ? _from.Address[(at + 1)..] : "trafficwatch.invalid";
    }

    public MimeMessage Compose(MailPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var message = new MimeMessage();
        message.From.Add(_from);
        foreach (var to in plan.Route.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }
        message.Subject = Subject(plan);
        message.Date = plan.At.ToDateTimeOffset();
        message.MessageId = MimeUtils.GenerateMessageId(_messageIdDomain);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-TrafficWatch-Kind", plan.Kind.ToString());
        message.Headers.Add("X-TrafficWatch-Route", MailText.Header(RouteName(plan), ShortMax));
        if (TopGroup(plan) is { } top)
        {
            message.Headers.Add("X-TrafficWatch-Severity", top.MostSevere.Severity.ToString());
            message.Headers.Add("X-TrafficWatch-Rule", MailText.Header(top.Rule, ShortMax));
            message.Headers.Add("X-TrafficWatch-Device", top.Mac.ToString());
        }
        var body = new BodyBuilder { TextBody = Text(plan), HtmlBody = Html(plan) };
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The subject line: severity, rule, device name and zone, bounded and free of control characters.</summary>
    public string Subject(MailPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var prefix = MailText.Header(_options.SubjectPrefix, ShortMax);
        string text;
        if (plan.Kind == AlertMailKind.SuppressionNotice || TopGroup(plan) is not { } top)
        {
            text = $"{MailText.Count(plan.SuppressedBefore)} alert{Plural(plan.SuppressedBefore)} suppressed on route {MailText.Header(RouteName(plan), ShortMax)}";
        }
        else
        {
            var what = $"{SeverityWord(top.MostSevere.Severity)} {MailText.Header(top.Rule, ShortMax)}: "
                + $"{MailText.Header(DeviceName(top.MostSevere.Device), ShortMax)} ({ZoneText(top.MostSevere.Device)})";
            if (plan.Kind == AlertMailKind.Immediate)
            {
                text = what;
            }
            else
            {
                var devices = plan.Groups.Select(static g => g.Mac).Distinct().Count();
                text = $"Digest, {MailText.Count(plan.AlertCount)} alert{Plural(plan.AlertCount)} from {devices} device{Plural(devices)}: {what}";
                if (plan.Groups.Count > 1)
                {
                    text += $" and {plan.Groups.Count - 1} more";
                }
            }
        }
        return MailText.Header(prefix.Length > 0 ? prefix + " " + text : text, SubjectMax);
    }

    private string Text(MailPlan plan)
    {
        var sb = new StringBuilder(2048);
        switch (plan.Kind)
        {
            case AlertMailKind.Immediate:
                var alert = plan.Groups[0].Latest;
                sb.Append(SeverityWord(alert.Severity)).Append(": ").AppendLine(MailText.Line(alert.Signature, NameMax));
                sb.AppendLine();
                AppendAlertText(sb, plan.Groups[0], alert);
                break;
            case AlertMailKind.Digest:
                sb.Append(MailText.Count(plan.AlertCount)).Append(" alert").Append(Plural(plan.AlertCount))
                    .Append(" between ").Append(Time(plan.WindowStart)).Append(" and ").Append(Time(plan.At)).AppendLine(", by device and rule.");
                foreach (var group in plan.Groups)
                {
                    sb.AppendLine().AppendLine(new string('=', 72));
                    sb.Append(MailText.Line(DeviceName(group.Latest.Device), NameMax)).Append(" / ").Append(MailText.Line(group.Rule, ShortMax))
                        .Append(": ").Append(MailText.Count(group.Count)).Append(" alert").Append(Plural(group.Count))
                        .Append(", ").Append(Time(group.FirstTimestamp)).Append(" to ").AppendLine(Time(group.LastTimestamp));
                    sb.AppendLine(new string('=', 72));
                    AppendAlertText(sb, group, group.MostSevere);
                }
                break;
            case AlertMailKind.SuppressionNotice:
                break;
        }
        if (plan.SuppressedBefore > 0)
        {
            sb.AppendLine().AppendLine(SuppressionSentence(plan));
        }
        sb.AppendLine().AppendLine("-- ")
            .Append("TrafficWatch alert e-mail, route ").Append(MailText.Line(RouteName(plan), ShortMax)).AppendLine(".");
        return sb.ToString();
    }

    private void AppendAlertText(StringBuilder sb, AlertGroup group, Alert alert)
    {
        sb.AppendLine(MailText.Line(alert.Explanation, SentenceMax));
        foreach (var (section, rows) in Rows(group, alert))
        {
            sb.AppendLine().AppendLine(section);
            foreach (var (label, value, _) in rows)
            {
                sb.Append("  ").Append((label + ":").PadRight(20)).AppendLine(value);
            }
        }
    }

    private string Html(MailPlan plan)
    {
        var sb = new StringBuilder(4096);
        sb.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .Append(MailText.Html(Subject(plan), SubjectMax))
            .Append("</title></head><body style=\"font-family:sans-serif;font-size:14px\">");
        switch (plan.Kind)
        {
            case AlertMailKind.Immediate:
                var alert = plan.Groups[0].Latest;
                sb.Append("<h2>").Append(SeverityWord(alert.Severity)).Append(": ").Append(MailText.Html(alert.Signature, NameMax)).Append("</h2>");
                AppendAlertHtml(sb, plan.Groups[0], alert);
                break;
            case AlertMailKind.Digest:
                sb.Append("<h2>").Append(MailText.Count(plan.AlertCount)).Append(" alert").Append(Plural(plan.AlertCount))
                    .Append(" between ").Append(Time(plan.WindowStart)).Append(" and ").Append(Time(plan.At)).Append("</h2>");
                foreach (var group in plan.Groups)
                {
                    sb.Append("<h3>").Append(MailText.Html(DeviceName(group.Latest.Device), NameMax)).Append(" / ")
                        .Append(MailText.Html(group.Rule, ShortMax)).Append(": ").Append(MailText.Count(group.Count))
                        .Append(" alert").Append(Plural(group.Count)).Append(", ").Append(Time(group.FirstTimestamp))
                        .Append(" to ").Append(Time(group.LastTimestamp)).Append("</h3>");
                    AppendAlertHtml(sb, group, group.MostSevere);
                }
                break;
            case AlertMailKind.SuppressionNotice:
                break;
        }
        if (plan.SuppressedBefore > 0)
        {
            sb.Append("<p><strong>").Append(MailText.Html(SuppressionSentence(plan), SentenceMax)).Append("</strong></p>");
        }
        sb.Append("<p style=\"color:#666\">TrafficWatch alert e-mail, route ").Append(MailText.Html(RouteName(plan), ShortMax))
            .Append(".</p></body></html>");
        return sb.ToString();
    }

    private void AppendAlertHtml(StringBuilder sb, AlertGroup group, Alert alert)
    {
        sb.Append("<p>").Append(MailText.Html(alert.Explanation, SentenceMax)).Append("</p>");
        sb.Append("<table style=\"border-collapse:collapse\">");
        foreach (var (section, rows) in Rows(group, alert))
        {
            sb.Append("<tr><th colspan=\"2\" style=\"text-align:left;padding-top:8px\">").Append(section).Append("</th></tr>");
            foreach (var (label, value, isLink) in rows)
            {
                sb.Append("<tr><td style=\"padding-right:12px;color:#555\">").Append(label).Append("</td><td>");
                var escaped = System.Net.WebUtility.HtmlEncode(value);
                if (isLink)
                {
                    sb.Append("<a href=\"").Append(escaped).Append("\">Open the device dashboard</a>");
                }
                else
                {
                    sb.Append(escaped);
                }
                sb.Append("</td></tr>");
            }
        }
        sb.Append("</table>");
    }

    /// <summary>The fields of one alert as (section, rows of label, sanitized value, is-link). Values are already
    /// through <see cref="MailText.Line"/>; HTML escaping happens at rendering.</summary>
    private List<(string Section, List<(string Label, string Value, bool IsLink)> Rows)> Rows(AlertGroup group, Alert alert)
    {
        var device = alert.Device;
        var deviceRows = new List<(string, string, bool)>
        {
            ("Name", Value(device.Name, NameMax), false),
            ("MAC", device.Mac.ToString(), false),
            ("Vendor", Value(device.Vendor, NameMax), false),
            ("Class", Value(device.Class, ShortMax), false),
            ("Zone", Value(device.Zone, ShortMax), false),
            ("Site", Value(device.Site, NameMax), false),
            ("Owner", Value(device.Owner, NameMax), false),
            ("Asset register", device.Registered ? "registered" : "not registered", false),
        };
        if (device.Address is { } address)
        {
            deviceRows.Insert(2, ("IP address", IpAddr.ToString(address), false));
        }
        if (device.Vlan != 0)
        {
            deviceRows.Add(("VLAN", device.Vlan.ToString(CultureInfo.InvariantCulture), false));
        }
        var sections = new List<(string, List<(string, string, bool)>)> { ("Device", deviceRows) };

        if (alert.Destination is { } destination)
        {
            var destinationRows = new List<(string, string, bool)>
            {
                ("Address", DestinationAddress(destination), false),
                ("Name", destination.Name is null ? "unknown" : $"{MailText.Line(destination.Name, NameMax)} ({NameSourceText(destination.NameSource)})", false),
                ("Country", Value(destination.Country, 8), false),
                ("Network", destination.Asn is { } asn
                    ? $"AS{asn.ToString(CultureInfo.InvariantCulture)}{(destination.AsnOrganization is null ? string.Empty : " " + MailText.Line(destination.AsnOrganization, NameMax))}"
                    : Value(destination.AsnOrganization, NameMax), false),
            };
            var others = group.Destinations.Where(d => d != destination).Take(AlertGroup.MaxDestinations).ToList();
            if (others.Count > 0 || group.MoreDestinations > 0)
            {
                var list = string.Join(", ", others.Select(DestinationShort));
                if (group.MoreDestinations > 0)
                {
                    list += $"{(list.Length > 0 ? ", " : string.Empty)}and {MailText.Count(group.MoreDestinations)} more";
                }
                destinationRows.Add(("Also contacted", list, false));
            }
            sections.Add(("Destination", destinationRows));
        }

        var first = alert.FirstSeen == PacketTime.Zero ? alert.Timestamp : alert.FirstSeen;
        var last = alert.LastSeen == PacketTime.Zero ? alert.Timestamp : alert.LastSeen;
        if (group.Count > 1)
        {
            first = first < group.FirstTimestamp ? first : group.FirstTimestamp;
            last = last > group.LastTimestamp ? last : group.LastTimestamp;
        }
        var trafficRows = new List<(string, string, bool)>
        {
            ("Bytes out", $"{MailText.Count(group.Count > 1 ? group.BytesOut : alert.BytesOut)} (device to destination{(group.Count > 1 ? ", sum over the alerts" : string.Empty)})", false),
            ("Bytes in", $"{MailText.Count(group.Count > 1 ? group.BytesIn : alert.BytesIn)} (destination to device{(group.Count > 1 ? ", sum over the alerts" : string.Empty)})", false),
            ("First seen", Time(first), false),
            ("Last seen", Time(last), false),
            ("Alert raised", Time(alert.Timestamp), false),
        };
        sections.Add(("Traffic", trafficRows));

        var actionRows = new List<(string, string, bool)>
        {
            ("Rule", $"{MailText.Line(alert.Rule, ShortMax)} (signature {alert.SignatureId.ToString(CultureInfo.InvariantCulture)}, {MailText.Line(alert.Category, ShortMax)})", false),
            ("Policy line", Value(alert.PolicyLine, PolicyMax), false),
            ("What to do", Value(alert.Advice, SentenceMax), false),
        };
        if (GrafanaLink.ForDevice(_options.GrafanaUrl, device.Mac, first, last) is { } link)
        {
            actionRows.Add(("Dashboard", link, true));
        }
        sections.Add(("Policy and next steps", actionRows));
        return sections;
    }

    private static string DestinationAddress(AlertDestination d)
    {
        var text = IpAddr.ToString(d.Address);
        return d.Port != 0 || d.Protocol is 6 or 17
            ? $"{text} port {d.Port.ToString(CultureInfo.InvariantCulture)}/{ProtocolName(d.Protocol)}"
            : $"{text} ({ProtocolName(d.Protocol)})";
    }

    private static string DestinationShort(AlertDestination d)
        => d.Name is null ? DestinationAddress(d) : $"{DestinationAddress(d)} ({MailText.Line(d.Name, ShortMax)})";

    private static string ProtocolName(byte protocol) => protocol switch
    {
        1 => "ICMP",
        6 => "TCP",
        17 => "UDP",
        58 => "ICMPv6",
        132 => "SCTP",
        _ => "IP protocol " + protocol.ToString(CultureInfo.InvariantCulture),
    };

    private static string NameSourceText(NameSource source) => source switch
    {
        NameSource.Dns => "learned from a DNS answer",
        NameSource.Sni => "learned from the TLS server name",
        NameSource.Http => "learned from the HTTP Host header",
        _ => "source unknown",
    };

    private string SuppressionSentence(MailPlan plan)
        => $"{MailText.Count(plan.SuppressedBefore)} more alert{Plural(plan.SuppressedBefore)} on this route {(plan.SuppressedBefore == 1 ? "was" : "were")} suppressed since "
            + $"{Time(plan.SuppressedSince)} (limit: {MailText.Count(_options.MaxMailsPerHour)} mails per hour per route); "
            + "eve.json and the Grafana alerts panel have all of them.";

    private static AlertGroup? TopGroup(MailPlan plan)
    {
        AlertGroup? top = null;
        foreach (var group in plan.Groups)
        {
            if (top is null || (byte)group.MostSevere.Severity < (byte)top.MostSevere.Severity
                || (group.MostSevere.Severity == top.MostSevere.Severity && group.Count > top.Count))
            {
                top = group;
            }
        }
        return top;
    }

    private static string RouteName(MailPlan plan)
        => string.IsNullOrWhiteSpace(plan.Route.Name) ? "route " + plan.RouteIndex.ToString(CultureInfo.InvariantCulture) : plan.Route.Name;

    private static string DeviceName(AlertDevice device) => string.IsNullOrWhiteSpace(device.Name) ? device.Mac.ToString() : device.Name;

    private static string ZoneText(AlertDevice device)
        => string.IsNullOrWhiteSpace(device.Zone) ? "no zone" : "zone " + MailText.Header(device.Zone, ShortMax);

    private static string SeverityWord(AlertSeverity severity) => severity switch
    {
        AlertSeverity.High => "HIGH",
        AlertSeverity.Medium => "MEDIUM",
        AlertSeverity.Low => "LOW",
        _ => "SEVERITY " + ((byte)severity).ToString(CultureInfo.InvariantCulture),
    };

    private static string Value(string? text, int max)
    {
        var line = MailText.Line(text, max);
        return line.Length == 0 ? "unknown" : line;
    }

    private static string Plural(long count) => count == 1 ? string.Empty : "s";

    private static string Time(PacketTime t)
        => t.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
