using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrafficWatch.Detection;

namespace TrafficWatch.Outputs.Report;

/// <summary>
/// Renders a <see cref="ReportData"/> as indented JSON for machines. Properties are written by hand in a fixed
/// order (snake_case, as EVE), times as EVE strings, addresses and MACs as text; strings are escaped by
/// <see cref="Utf8JsonWriter"/> with <see cref="JavaScriptEncoder.Default"/> (HTML-sensitive characters as
/// <c>\u003C</c> …), so the file is safe to embed. Deterministic: the same data gives the same bytes.
/// </summary>
public static class ReportJsonWriter
{
    /// <summary>Bumped when a property changes meaning or is removed.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.Default,
        Indented = true,
        NewLine = "\n",
    };

    public static string Render(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, s_options))
        {
            Write(w, data);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter w, ReportData data)
    {
        w.WriteStartObject();
        w.WriteNumber("report_format", FormatVersion);
        WriteText(w, "tool_version", data.ToolVersion);
        w.WriteStartArray("inputs");
        foreach (var input in data.Inputs)
        {
            WriteTextValue(w, input);
        }
        w.WriteEndArray();
        WriteStringOrNull(w, "eve", data.EvePath);
        WriteTimeOrNull(w, "first_packet", data.FirstPacket);
        WriteTimeOrNull(w, "last_packet", data.LastPacket);
        w.WriteNumber("packets", data.Packets);
        w.WriteNumber("bytes", data.Bytes);
        w.WriteNumber("decode_errors", data.DecodeErrors);
        w.WriteNumber("flows", data.Flows);
        w.WriteStartArray("geoip");
        foreach (var g in data.GeoIpDatabases)
        {
            w.WriteStartObject();
            WriteText(w, "database_type", g.DatabaseType);
            WriteText(w, "build_time", g.BuildTime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteStringOrNull(w, "signatures_version", data.SignaturesVersion);

        w.WriteStartObject("summary");
        w.WriteNumber("devices", data.Devices.Count);
        w.WriteNumber("alerts", data.Alerts.Count);
        w.WriteStartObject("alerts_by_severity");
        foreach (var (severity, count) in ReportText.AlertsBySeverity(data.Alerts))
        {
            w.WriteNumber(ReportText.SeverityName(severity), count);
        }
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("devices");
        foreach (var d in data.Devices)
        {
            WriteDevice(w, d);
        }
        w.WriteEndArray();

        w.WriteStartArray("alerts");
        foreach (var a in data.Alerts)
        {
            WriteAlert(w, data, a);
        }
        w.WriteEndArray();

        WriteSeries(w, data.Series);
        w.WriteEndObject();
    }

    private static void WriteDevice(Utf8JsonWriter w, ReportDevice d)
    {
        w.WriteStartObject();
        WriteText(w, "mac", d.Mac.ToString());
        WriteStringOrNull(w, "vendor", d.Vendor);
        WriteText(w, "class", d.Class);
        w.WriteNumber("class_confidence", Math.Round(d.ClassConfidence, 3));
        WriteStrings(w, "class_evidence", d.ClassEvidence);
        WriteStrings(w, "names", d.Names);
        w.WriteStartArray("addresses");
        foreach (var a in d.Addresses)
        {
            WriteTextValue(w, ReportText.Address(a));
        }
        w.WriteEndArray();
        w.WriteNumber("vlan", d.Vlan);
        WriteStringOrNull(w, "zone", d.Zone);
        w.WriteBoolean("registered", d.Registered);
        WriteText(w, "first_seen", d.FirstSeen.ToEveString());
        WriteText(w, "last_seen", d.LastSeen.ToEveString());
        w.WriteNumber("bytes_out", d.BytesOut);
        w.WriteNumber("bytes_in", d.BytesIn);
        w.WriteStartArray("external_destinations");
        foreach (var x in d.ExternalDestinations)
        {
            w.WriteStartObject();
            WriteText(w, "ip", ReportText.Address(x.Address));
            w.WriteNumber("port", x.Port);
            WriteStringOrNull(w, "name", x.Name);
            WriteStringOrNull(w, "name_source", x.NameSource);
            WriteStringOrNull(w, "country", x.Country);
            if (x.Asn is { } asn)
            {
                w.WriteNumber("asn", asn);
            }
            else
            {
                w.WriteNull("asn");
            }
            WriteStringOrNull(w, "as_org", x.AsnOrganization);
            w.WriteNumber("bytes_out", x.BytesOut);
            w.WriteNumber("bytes_in", x.BytesIn);
            w.WriteNumber("flows", x.Flows);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAlert(Utf8JsonWriter w, ReportData data, Alert a)
    {
        w.WriteStartObject();
        w.WriteNumber("id", a.Id);
        WriteText(w, "rule", a.Rule);
        w.WriteNumber("signature_id", a.SignatureId);
        WriteText(w, "signature", a.Signature);
        WriteText(w, "category", a.Category);
        w.WriteNumber("severity", (int)a.Severity);
        WriteText(w, "severity_name", ReportText.SeverityName(a.Severity));
        WriteText(w, "timestamp", a.Timestamp.ToEveString());
        w.WriteStartObject("device");
        WriteText(w, "mac", a.Device.Mac.ToString());
        w.WriteNumber("vlan", a.Device.Vlan);
        WriteStringOrNull(w, "ip", a.Device.Address is { } ip ? ReportText.Address(ip) : null);
        WriteStringOrNull(w, "name", a.Device.Name);
        WriteStringOrNull(w, "vendor", a.Device.Vendor);
        WriteText(w, "class", a.Device.Class);
        WriteStringOrNull(w, "zone", a.Device.Zone);
        WriteStringOrNull(w, "site", a.Device.Site);
        WriteStringOrNull(w, "owner", a.Device.Owner);
        w.WriteBoolean("registered", a.Device.Registered);
        w.WriteEndObject();
        if (a.Destination is { } d)
        {
            w.WriteStartObject("destination");
            WriteText(w, "ip", ReportText.Address(d.Address));
            w.WriteNumber("port", d.Port);
            w.WriteNumber("proto", d.Protocol);
            WriteStringOrNull(w, "name", d.Name);
            WriteStringOrNull(w, "name_source", d.Name is null ? null : d.NameSource.ToString().ToLowerInvariant());
            WriteStringOrNull(w, "country", d.Country);
            if (d.Asn is { } asn)
            {
                w.WriteNumber("asn", asn);
            }
            else
            {
                w.WriteNull("asn");
            }
            WriteStringOrNull(w, "as_org", d.AsnOrganization);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("destination");
        }
        w.WriteNumber("bytes_out", a.BytesOut);
        w.WriteNumber("bytes_in", a.BytesIn);
        WriteText(w, "first_seen", a.FirstSeen.ToEveString());
        WriteText(w, "last_seen", a.LastSeen.ToEveString());
        WriteText(w, "explanation", a.Explanation);
        WriteStringOrNull(w, "policy_line", a.PolicyLine);
        WriteStringOrNull(w, "advice", a.Advice);
        if (a.FlowId is { } flow)
        {
            w.WriteNumber("flow_id", flow);
        }
        else
        {
            w.WriteNull("flow_id");
        }
        WriteText(w, "evidence_command", ReportText.ExtractCommand(data, a));
        w.WriteEndObject();
    }

    private static void WriteSeries(Utf8JsonWriter w, ReportSeries s)
    {
        w.WriteStartObject("series");
        WriteText(w, "start", s.Start.ToEveString());
        w.WriteNumber("interval_seconds", s.IntervalSeconds);
        WriteLines(w, "bytes_by_zone", s.Zones);
        WriteLines(w, "bytes_by_flagged_device", s.FlaggedDevices);
        w.WriteStartArray("outbound_bytes_by_country");
        foreach (var c in s.OutboundByCountry)
        {
            w.WriteStartObject();
            WriteText(w, "country", c.Country);
            w.WriteNumber("bytes", c.Bytes);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLines(Utf8JsonWriter w, string name, IReadOnlyList<ReportSeriesLine> lines)
    {
        w.WriteStartArray(name);
        foreach (var line in lines)
        {
            w.WriteStartObject();
            WriteText(w, "label", line.Label);
            w.WriteStartArray("bytes");
            foreach (var v in line.Bytes)
            {
                w.WriteNumberValue(v);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            WriteTextValue(w, v);
        }
        w.WriteEndArray();
    }

    /// <summary>Utf8JsonWriter rejects lone surrogates (possible in decoded wire text): they become U+FFFD.</summary>
    private static void WriteText(Utf8JsonWriter w, string name, string value) => w.WriteString(name, ReportText.ValidUtf16(value));

    private static void WriteTextValue(Utf8JsonWriter w, string value) => w.WriteStringValue(ReportText.ValidUtf16(value));

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            WriteText(w, name, value);
        }
    }

    private static void WriteTimeOrNull(Utf8JsonWriter w, string name, PacketTime? time)
    {
        if (time is { } t)
        {
            WriteText(w, name, t.ToEveString());
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
