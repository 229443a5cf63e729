using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrafficWatch.Decode;

namespace TrafficWatch.Attribution.Devices;

/// <summary>
/// Writes the device inventory as a terminal table, JSON or CSV. Columns: MAC, VLAN, zone, vendor, class with
/// confidence and evidence, names, addresses, registered (and the asset register's name), first/last seen,
/// bytes out/in, external destinations (<c>&gt;=N</c> in the table when the count hit its cap).
/// JSON keeps every string faithfully (only JSON escaping, with HTML-sensitive characters as <c>\u003C</c> etc.);
/// the table and CSV show wire text through <see cref="DisplayText.Escape"/>, and CSV cells that a spreadsheet
/// would run as a formula get a leading <c>'</c>.
/// </summary>
public static class DeviceInventoryFormatter
{
    /// <summary>Widest cell of the table; longer text is cut with "…".</summary>
    public const int MaxCellWidth = 40;

    private static readonly JsonWriterOptions s_jsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.Default };

    public static string Format(IReadOnlyList<DeviceSnapshot> devices, DeviceInventoryFormat format)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, devices, format);
        return writer.ToString();
    }

    public static void Write(TextWriter writer, IReadOnlyList<DeviceSnapshot> devices, DeviceInventoryFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(devices);
        switch (format)
        {
            case DeviceInventoryFormat.Json:
                WriteJson(writer, devices);
                break;
            case DeviceInventoryFormat.Csv:
                WriteCsv(writer, devices);
                break;
            default:
                WriteTable(writer, devices);
                break;
        }
    }

    // ------------------------------------------------------------------------------------------- table ----

    private static readonly string[] s_tableHeader =
        ["MAC", "VLAN", "ZONE", "VENDOR", "CLASS", "CONF", "NAMES", "ADDRESSES", "REG", "ASSET", "FIRST SEEN", "LAST SEEN", "OUT", "IN", "EXT", "EVIDENCE"];

    private static void WriteTable(TextWriter writer, IReadOnlyList<DeviceSnapshot> devices)
    {
        var rows = new List<string[]> { s_tableHeader };
        foreach (var d in devices)
        {
            rows.Add(
            [
                d.Mac.ToString(),
                d.Vlan.ToString(CultureInfo.InvariantCulture),
                DisplayText.Fit(d.Zone ?? "-", MaxCellWidth),
                DisplayText.Fit(d.Organization ?? "-", MaxCellWidth),
                d.Class.ToName(),
                d.Classification.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
                DisplayText.Fit(d.Names.Count == 0 ? "-" : string.Join(", ", d.Names.Select(static n => n.Value).Distinct(StringComparer.Ordinal)), MaxCellWidth),
                DisplayText.Fit(d.Addresses.Count == 0 ? "-" : string.Join(", ", d.Addresses.Select(static a => a.ToString())), MaxCellWidth),
                d.Registered ? "yes" : "no",
                DisplayText.Fit(d.Asset?.Name ?? "-", MaxCellWidth / 2),
                TableTime(d.FirstSeen),
                TableTime(d.LastSeen),
                HumanBytes(d.BytesOut),
                HumanBytes(d.BytesIn),
                ExternalCount(d),
                DisplayText.Fit(TopEvidence(d), MaxCellWidth * 2),
            ]);
        }
        var widths = new int[s_tableHeader.Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    line.Append("  ");
                }
                line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i]));
            }
            writer.WriteLine(line.ToString().TrimEnd());
        }
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{devices.Count} devices, {devices.Count(static d => !d.Registered)} unregistered, {devices.Count(static d => d.IsRouter)} routers"));
    }

    private static string TopEvidence(DeviceSnapshot d)
    {
        var top = d.Classification.Evidence.Where(e => e.Class == d.Class).Take(3)
            .Select(static e => $"{e.Kind}: {e.Value}");
        var text = string.Join("; ", top);
        return text.Length == 0 ? "-" : text;
    }

    private static string TableTime(PacketTime t)
        => t.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string HumanBytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    private static string ExternalCount(DeviceSnapshot d)
        => d.ExternalDestinationsCapped
            ? string.Create(CultureInfo.InvariantCulture, $">={d.ExternalDestinations}")
            : d.ExternalDestinations.ToString(CultureInfo.InvariantCulture);

    // -------------------------------------------------------------------------------------------- JSON ----

    private static void WriteJson(TextWriter writer, IReadOnlyList<DeviceSnapshot> devices)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_jsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("count", devices.Count);
            json.WriteStartArray("devices");
            foreach (var d in devices)
            {
                WriteDevice(json, d);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.WriteLine();
    }

    private static void WriteDevice(Utf8JsonWriter json, DeviceSnapshot d)
    {
        json.WriteStartObject();
        json.WriteString("mac", d.Mac.ToString());
        json.WriteNumber("vlan", d.Vlan);
        json.WriteString("zone", d.Zone);
        json.WriteStartObject("vendor");
        json.WriteString("organization", d.Organization);
        json.WriteString("id", d.VendorId);
        json.WriteString("country", d.VendorCountry);
        json.WriteEndObject();
        json.WriteString("class", d.Class.ToName());
        json.WriteNumber("confidence", d.Classification.Confidence);
        json.WriteStartArray("evidence");
        foreach (var e in d.Classification.Evidence)
        {
            json.WriteStartObject();
            json.WriteString("kind", e.Kind);
            json.WriteString("value", e.Value);
            json.WriteString("class", e.Class.ToName());
            json.WriteNumber("weight", Math.Round(e.Weight, 3));
            json.WriteString("rule", e.Rule);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteBoolean("router", d.IsRouter);
        json.WriteStartArray("names");
        foreach (var n in d.Names)
        {
            json.WriteStartObject();
            json.WriteString("kind", n.Kind);
            json.WriteString("value", n.Value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("addresses");
        foreach (var a in d.Addresses)
        {
            json.WriteStartObject();
            json.WriteString("address", a.ToString());
            json.WriteString("source", a.Source.ToString().ToLowerInvariant());
            json.WriteString("first_seen", a.FirstSeen.ToEveString());
            json.WriteString("last_seen", a.LastSeen.ToEveString());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("services");
        foreach (var s in d.Services)
        {
            json.WriteStartObject();
            json.WriteString("service", s.ToString());
            json.WriteBoolean("answered", s.Answered);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("dhcp");
        StringArray(json, "vendor_classes", d.VendorClasses);
        json.WriteString("fingerprint", d.DhcpFingerprint);
        json.WriteString("fingerprint_v6", d.Dhcpv6Fingerprint);
        json.WriteString("requested_address", d.RequestedAddress is { } requested ? IpAddr.ToString(requested) : null);
        json.WriteEndObject();
        StringArray(json, "mdns_services", d.MdnsServices);
        StringArray(json, "ssdp_types", d.SsdpTypes);
        StringArray(json, "ssdp_servers", d.SsdpServers);
        StringArray(json, "user_agents", d.UserAgents);
        json.WriteBoolean("registered", d.Registered);
        if (d.Asset is { } asset)
        {
            json.WriteStartObject("asset");
            json.WriteString("name", asset.Name);
            json.WriteString("zone", asset.Zone);
            json.WriteString("site", asset.Site);
            json.WriteString("owner", asset.Owner);
            json.WriteString("notes", asset.Notes);
            json.WriteNumber("line", asset.Line);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("asset");
        }
        json.WriteString("first_seen", d.FirstSeen.ToEveString());
        json.WriteString("last_seen", d.LastSeen.ToEveString());
        json.WriteNumber("bytes_out", d.BytesOut);
        json.WriteNumber("bytes_in", d.BytesIn);
        json.WriteNumber("external_destinations", d.ExternalDestinations);
        json.WriteBoolean("external_destinations_capped", d.ExternalDestinationsCapped);
        json.WriteEndObject();
    }

    private static void StringArray(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    // --------------------------------------------------------------------------------------------- CSV ----

    /// <summary>The CSV header line (RFC 4180; multi-valued cells are joined with "; ").</summary>
    public const string CsvHeader =
        "mac,vlan,zone,vendor,vendor_id,class,confidence,evidence,names,addresses,registered,asset_name,first_seen,last_seen,bytes_out,bytes_in,external_destinations";

    private static void WriteCsv(TextWriter writer, IReadOnlyList<DeviceSnapshot> devices)
    {
        writer.Write(CsvHeader);
        writer.Write("\r\n");
        foreach (var d in devices)
        {
            string[] cells =
            [
                d.Mac.ToString(),
                d.Vlan.ToString(CultureInfo.InvariantCulture),
                d.Zone ?? string.Empty,
                d.Organization ?? string.Empty,
                d.VendorId ?? string.Empty,
                d.Class.ToName(),
                d.Classification.Confidence.ToString("0.###", CultureInfo.InvariantCulture),
                string.Join("; ", d.Classification.Evidence.Select(static e =>
                    string.Create(CultureInfo.InvariantCulture, $"{e.Kind}={e.Value} ({e.Class.ToName()} {e.Weight:0.###})"))),
                string.Join("; ", d.Names.Select(static n => $"{n.Kind}={n.Value}")),
                string.Join("; ", d.Addresses.Select(static a => a.ToString())),
                d.Registered ? "yes" : "no",
                d.Asset?.Name ?? string.Empty,
                d.FirstSeen.ToEveString(),
                d.LastSeen.ToEveString(),
                d.BytesOut.ToString(CultureInfo.InvariantCulture),
                d.BytesIn.ToString(CultureInfo.InvariantCulture),
                d.ExternalDestinations.ToString(CultureInfo.InvariantCulture),
            ];
            for (var i = 0; i < cells.Length; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }
                writer.Write(CsvCell(cells[i]));
            }
            writer.Write("\r\n");
        }
    }

    /// <summary>
    /// One CSV cell: <see cref="DisplayText.Escape"/> (so no raw CR/LF or control characters reach the file), a
    /// leading <c>'</c> when the text starts with <c>= + - @</c> (OWASP CSV injection), then RFC 4180 quoting.
    /// </summary>
    public static string CsvCell(string? text)
    {
        var value = DisplayText.Escape(text);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
