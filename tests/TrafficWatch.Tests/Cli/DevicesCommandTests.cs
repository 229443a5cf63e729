using System.Text.Json;
using TrafficWatch.Tests.Capture;
using TrafficWatch.Tests.Support;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Cli;

/// <summary><c>trafficwatch devices</c> as a user runs it: the real program over a real camera capture.</summary>
public sealed class DevicesCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Json_inventory_of_a_dlink_camera_capture_names_the_camera_with_evidence_and_writes_nothing_else()
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return;
        }
        var capture = Path.Combine(root, "pcaps", "iotsentinel-D-LinkCam-Setup-C-10-STA");
        var result = TrafficWatchProcess.RunIn(_dir.Path, "devices", capture, "--format", "json");

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        var camera = doc.RootElement.GetProperty("devices").EnumerateArray()
            .Single(d => d.GetProperty("mac").GetString() == "b0:c5:54:25:5b:0e");
        Assert.Equal("camera", camera.GetProperty("class").GetString());
        Assert.Equal("D-Link International", camera.GetProperty("vendor").GetProperty("organization").GetString());
        Assert.Contains(camera.GetProperty("names").EnumerateArray(), n => n.GetProperty("value").GetString() == "DCS-935L");
        Assert.NotEmpty(camera.GetProperty("evidence").EnumerateArray());
        Assert.False(camera.GetProperty("registered").GetBoolean());
        Assert.True(camera.GetProperty("bytes_out").GetInt64() > 0);
        Assert.Empty(Directory.GetFiles(_dir.Path));                    // no eve.json / metrics.lp left behind
    }

    [Fact]
    public void Csv_and_table_formats_have_one_row_per_device_and_an_unknown_format_is_a_usage_error()
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return;
        }
        var capture = Path.Combine(root, "pcaps", "iotsentinel-D-LinkCam-Setup-C-10-STA");
        var csv = TrafficWatchProcess.RunIn(_dir.Path, "devices", capture, "--format", "csv");
        Assert.True(csv.ExitCode == 0, csv.StdErr);
        var lines = csv.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("mac,vlan,zone,vendor", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);                                   // header + the camera + the gateway

        var table = TrafficWatchProcess.RunIn(_dir.Path, "devices", capture);
        Assert.True(table.ExitCode == 0, table.StdErr);
        Assert.Contains("b0:c5:54:25:5b:0e", table.StdOut, StringComparison.Ordinal);

        var bad = TrafficWatchProcess.RunIn(_dir.Path, "devices", capture, "--format", "xml");
        Assert.NotEqual(0, bad.ExitCode);
    }
}
