using System.Text.Json;
using TrafficWatch.Outputs.Report;

namespace TrafficWatch.Tests.Outputs.Report;

public sealed class ReportJsonWriterTests
{
    [Fact]
    public void Top_level_properties_come_in_a_fixed_order()
    {
        using var doc = JsonDocument.Parse(ReportJsonWriter.Render(ReportSamples.Create()));

        Assert.Equal(
            ["report_format", "tool_version", "inputs", "eve", "first_packet", "last_packet", "packets", "bytes", "decode_errors", "flows",
             "geoip", "signatures_version", "summary", "devices", "alerts", "series"],
            doc.RootElement.EnumerateObject().Select(static p => p.Name).ToArray());
    }

    [Fact]
    public void Hostile_names_round_trip_as_values_and_are_escaped_in_the_text()
    {
        var data = ReportSamples.Create();

        var json = ReportJsonWriter.Render(data);

        Assert.DoesNotContain('<', json);
        Assert.DoesNotContain('>', json);
        Assert.Contains("\\u003Cimg src=x onerror=alert(1)\\u003E", json, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(ReportSamples.ImgName, root.GetProperty("devices")[0].GetProperty("names")[0].GetString());
        Assert.Equal(ReportSamples.AttributeBreaker, root.GetProperty("devices")[0].GetProperty("class_evidence")[1].GetString());
        Assert.Equal(ReportSamples.MarkdownBreaker, root.GetProperty("devices")[1].GetProperty("names")[1].GetString());
        Assert.Equal(ReportSamples.ScriptName, root.GetProperty("alerts")[0].GetProperty("destination").GetProperty("name").GetString());
    }

    [Fact]
    public void Counts_ids_and_values_match_the_model()
    {
        var data = ReportSamples.Create();

        using var doc = JsonDocument.Parse(ReportJsonWriter.Render(data));
        var root = doc.RootElement;

        Assert.Equal(4, root.GetProperty("summary").GetProperty("devices").GetInt32());
        Assert.Equal(3, root.GetProperty("summary").GetProperty("alerts").GetInt32());
        Assert.Equal(2, root.GetProperty("summary").GetProperty("alerts_by_severity").GetProperty("high").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("alerts_by_severity").GetProperty("low").GetInt32());
        Assert.Equal(data.Alerts.Select(static a => a.Id), root.GetProperty("alerts").EnumerateArray().Select(static a => a.GetProperty("id").GetInt64()));
        var first = root.GetProperty("alerts")[0];
        Assert.Equal(1_234_567_890_123, first.GetProperty("flow_id").GetInt64());
        Assert.Equal("sni", first.GetProperty("destination").GetProperty("name_source").GetString());
        Assert.Equal("2025-06-02T08:05:00.000000+0000", first.GetProperty("timestamp").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("alerts")[1].GetProperty("destination").ValueKind);
        Assert.Equal("2001:db8::5", root.GetProperty("devices")[2].GetProperty("addresses")[0].GetString());
        Assert.Equal("10.10.0.21", root.GetProperty("devices")[0].GetProperty("addresses")[0].GetString());
        Assert.Equal(0.93, root.GetProperty("devices")[0].GetProperty("class_confidence").GetDouble());
        Assert.Equal(45102u, root.GetProperty("devices")[0].GetProperty("external_destinations")[0].GetProperty("asn").GetUInt32());
        Assert.Equal("2025-06-01T00:00:00Z", root.GetProperty("geoip")[0].GetProperty("build_time").GetString());
        Assert.Equal(10, root.GetProperty("series").GetProperty("bytes_by_zone")[0].GetProperty("bytes").GetArrayLength());
        Assert.Contains($"--alert {data.Alerts[0].Id} --eve out/eve.json", first.GetProperty("evidence_command").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_is_deterministic_and_ends_lines_with_newline_only()
    {
        var a = ReportJsonWriter.Render(ReportSamples.Create());
        var b = ReportJsonWriter.Render(ReportSamples.Create());

        Assert.Equal(a, b);
        Assert.DoesNotContain('\r', a);
    }

    [Fact]
    public void Lone_surrogates_from_the_wire_do_not_break_the_writer()
    {
        var data = ReportSamples.Create() with { Devices = [ReportSamples.Create().Devices[0] with { Names = ["bad\uD800name"] }] };

        using var doc = JsonDocument.Parse(ReportJsonWriter.Render(data));

        Assert.Equal("bad\uFFFDname", doc.RootElement.GetProperty("devices")[0].GetProperty("names")[0].GetString());
    }
}
