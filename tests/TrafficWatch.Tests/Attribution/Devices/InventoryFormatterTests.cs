using System.Text;
using System.Text.Json;
using TrafficWatch.Attribution.Assets;
using TrafficWatch.Attribution.Devices;
using Xunit.Abstractions;
using static TrafficWatch.Tests.Attribution.Devices.DeviceTestKit;
using static TrafficWatch.Tests.Decode.App.AppWire;

namespace TrafficWatch.Tests.Attribution.Devices;

/// <summary>Hostile names from the wire: faithful in JSON, escaped in the table and CSV.</summary>
public sealed class InventoryFormatterTests(ITestOutputHelper output)
{
    // 500 characters of hostname: markup, CR/LF, an ANSI escape, a bidi override, a formula, sent as three
    // RFC 3396 split option-12 parts (one option holds at most 255 bytes).
    private static readonly string s_hostile = BuildHostile();

    private static string BuildHostile()
    {
        var text = "=1+2<script>\r\n\u001b[31m\u202Ex\\x41 Set-Cookie: a=b \"q\", <b>";
        return text + new string('L', 500 - text.Length);
    }

    private static IReadOnlyList<DeviceSnapshot> HostileInventory()
    {
        var table = NewTable(assets: AssetRegister.Parse("mac,name\n04:03:12:aa:bb:01,\"Gate, \"\"north\"\"\"\n", "assets.csv"));
        var bytes = Encoding.UTF8.GetBytes(s_hostile);
        var options = Concat(Option(53, [1]), Option(12, bytes[..250]), Option(12, bytes[250..400]), Option(12, bytes[400..]),
            Option(60, Encoding.UTF8.GetBytes("ünïcode 🎥 vendor")));
        table.ObserveDhcp(Dhcp(Dhcp(options, mac: "04:03:12:aa:bb:01")), HikvisionCam, 10, At(0));
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.7"), At(1));
        table.ObserveArp(EspressifPlug, 20, Ip("10.20.0.2"), At(2));
        return table.Snapshot();
    }

    [Fact]
    public void The_500_character_hostile_hostname_survives_the_split_dhcp_option_intact()
    {
        var device = HostileInventory()[0];

        Assert.Equal(500, s_hostile.Length);
        Assert.Equal(s_hostile, device.Names.Single(static n => n.Kind == DeviceNameKinds.DhcpHostname).Value);
    }

    [Fact]
    public void Json_keeps_every_hostile_string_faithfully()
    {
        var json = DeviceInventoryFormatter.Format(HostileInventory(), DeviceInventoryFormat.Json);
        output.WriteLine(json[..Math.Min(json.Length, 3000)]);

        using var document = JsonDocument.Parse(json);
        var devices = document.RootElement.GetProperty("devices");
        Assert.Equal(2, document.RootElement.GetProperty("count").GetInt32());
        var camera = devices[0];
        Assert.Equal(s_hostile, camera.GetProperty("names")[0].GetProperty("value").GetString());
        Assert.Equal("ünïcode 🎥 vendor", camera.GetProperty("dhcp").GetProperty("vendor_classes")[0].GetString());
        Assert.Equal("Gate, \"north\"", camera.GetProperty("asset").GetProperty("name").GetString());
        Assert.True(camera.GetProperty("registered").GetBoolean());
        Assert.False(devices[1].GetProperty("registered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, devices[1].GetProperty("asset").ValueKind);
        Assert.Equal("04:03:12:aa:bb:01", camera.GetProperty("mac").GetString());
        Assert.Equal("Hangzhou Hikvision Digital Technology Co.,Ltd.", camera.GetProperty("vendor").GetProperty("organization").GetString());
        Assert.Equal("camera", camera.GetProperty("class").GetString());
        Assert.Equal("10.10.0.7", camera.GetProperty("addresses")[0].GetProperty("address").GetString());
        Assert.Equal("arp", camera.GetProperty("addresses")[0].GetProperty("source").GetString());
        Assert.DoesNotContain("<script>", json, StringComparison.Ordinal);     // HTML-sensitive characters are \u003C-escaped
        Assert.DoesNotContain('\u001b', json);
        Assert.DoesNotContain('\u202E', json);
    }

    [Fact]
    public void The_table_escapes_control_characters_and_bounds_every_cell()
    {
        var table = DeviceInventoryFormatter.Format(HostileInventory(), DeviceInventoryFormat.Table);
        output.WriteLine(table);

        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);                                            // header, two devices, summary
        Assert.StartsWith("MAC ", lines[0], StringComparison.Ordinal);
        Assert.Contains(@"=1+2<script>\r\n\x1b[31m\u202ex", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', table);
        Assert.DoesNotContain('\u001b', table);
        Assert.DoesNotContain('\u202E', table);
        Assert.DoesNotContain(new string('L', DeviceInventoryFormatter.MaxCellWidth), table, StringComparison.Ordinal);
        Assert.All(lines, static line => Assert.True(line.Length < 400, $"line of {line.Length} chars"));
        Assert.Contains("camera", lines[1], StringComparison.Ordinal);
        Assert.Contains("yes  Gate, \"north\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("2 devices, 1 unregistered, 0 routers", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_is_one_line_per_device_escaped_and_formula_safe()
    {
        var csv = DeviceInventoryFormatter.Format(HostileInventory(), DeviceInventoryFormat.Csv);
        output.WriteLine(csv[..Math.Min(csv.Length, 2000)]);

        var records = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, records.Length);                                          // no raw CR/LF inside a cell
        Assert.Equal(DeviceInventoryFormatter.CsvHeader, records[0]);
        Assert.DoesNotContain('\n', csv.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.Contains(@"dhcp-hostname==1+2<script>\r\n\x1b[31m\u202ex\\x41 Set-Cookie: a=b """"q"""", <b>LLL", records[1], StringComparison.Ordinal);
        Assert.Equal("dhcp-hostname=" + DisplayText.Escape(s_hostile), SplitCsv(records[1])[8]);
        Assert.Equal(17, SplitCsv(records[1]).Count);
        Assert.Equal("Gate, \"north\"", SplitCsv(records[1])[11]);

        Assert.Equal("'=1+2", DeviceInventoryFormatter.CsvCell("=1+2"));
        Assert.Equal("'@SUM(A1)", DeviceInventoryFormatter.CsvCell("@SUM(A1)"));
        Assert.Equal("\"'-2,3\"", DeviceInventoryFormatter.CsvCell("-2,3"));
        Assert.Equal(@"a\tb", DeviceInventoryFormatter.CsvCell("a\tb"));
    }

    [Fact]
    public void Display_text_escapes_are_unambiguous_and_keep_valid_unicode()
    {
        Assert.Equal(@"a\\x41", DisplayText.Escape(@"a\x41"));
        Assert.Equal(@"\x00\x7f\x85\u200b\u2028", DisplayText.Escape("\0\u007f\u0085\u200b\u2028"));
        Assert.Equal("Küche 🎥", DisplayText.Escape("Küche 🎥"));
        Assert.Equal(@"lone \ud83c", DisplayText.Escape("lone \ud83c"));
        Assert.Equal("abcd…", DisplayText.Fit("abcdefgh", 5));
    }

    // RFC 4180 reader for one record without line breaks (enough to check the writer).
    private static List<string> SplitCsv(string record)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < record.Length && record[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }
}
