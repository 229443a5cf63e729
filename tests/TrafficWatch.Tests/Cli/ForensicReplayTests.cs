using System.Text.Json;
using System.Text.RegularExpressions;
using TrafficWatch.Simulation;
using TrafficWatch.Tests.Capture;

namespace TrafficWatch.Tests.Cli;

/// <summary>
/// An investigator's replay with the real program: the same capture and configuration give byte-identical EVE output
/// and reports (with one or two threads), and the reports' alert and device counts match the EVE output.
/// </summary>
public sealed class ForensicReplayTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Replays_are_byte_identical_and_the_reports_count_what_eve_says()
    {
        var capture = _dir.File("city.pcap");
        var simulation = new CityNetworkSimulator(new SimulationOptions
        {
            Scenario = SimulationScenarios.Default,
            Devices = 16,
            Duration = TimeSpan.FromMinutes(6),
            Seed = 5,
            CameraBitrateKbps = 32,
            OutputPath = capture,
        }).Run();
        var assets = SimulatedAssetRegister.WriteBeside(capture, simulation.Devices);
        var config = _dir.File("trafficwatch.yaml");
        File.WriteAllText(config, """
            Zones:
              - Name: cameras
                Vlans: [10]
              - Name: iot
                Vlans: [20]
            """);

        string[] Run(string name, string threads)
        {
            var eve = _dir.File(name + ".eve.json");
            var html = _dir.File(name + ".html");
            var json = _dir.File(name + ".json");
            var md = _dir.File(name + ".md");
            var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", capture, "--assets", assets, "--config", config, "--eve", eve, "--threads", threads,
                "--metrics", _dir.File(name + ".lp"), "--report", html, "--report", json, "--report", md, "--quiet");
            Assert.True(result.ExitCode == 0, result.StdErr);
            return [eve, html, json, md];
        }

        var first = Run("one", "1");
        var second = Run("two", "2");
        for (var i = 0; i < first.Length; i++)
        {
            var a = File.ReadAllText(first[i]).Replace("one.", "X.", StringComparison.Ordinal);
            var b = File.ReadAllText(second[i]).Replace("two.", "X.", StringComparison.Ordinal);
            Assert.True(a == b, $"{Path.GetFileName(first[i])} and {Path.GetFileName(second[i])} differ");
        }

        var events = File.ReadAllLines(first[0]).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var eveAlerts = events.Where(e => e.GetProperty("event_type").GetString() == "alert").ToList();
        Assert.True(eveAlerts.Count >= 4, $"the default scenario should alert (got {eveAlerts.Count})");
        using var report = JsonDocument.Parse(File.ReadAllText(first[2]));
        var reportAlerts = report.RootElement.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal(eveAlerts.Count, reportAlerts.Count);
        var html = File.ReadAllText(first[1]);
        Assert.Equal(eveAlerts.Count, Regex.Matches(html, "<article class=\"alert ").Count);
        foreach (var alert in eveAlerts)
        {
            var id = alert.GetProperty("alert").GetProperty("id").GetInt64();
            Assert.Contains($"id=\"alert-{id}\"", html, StringComparison.Ordinal);
            Assert.Contains($"--alert {id}", html, StringComparison.Ordinal);       // the evidence command
        }
        Assert.Contains(eveAlerts, a => a.GetProperty("alert").GetProperty("rule").GetString() == "new-device");

        // The report of a real replay, rendered by headless Chromium: the DOM has one article per EVE alert and no script.
        if (TrafficWatch.Tests.Outputs.Report.HeadlessChromium.TryLocate(output, out var chromium))
        {
            var dom = await TrafficWatch.Tests.Outputs.Report.HeadlessChromium.DumpDomAsync(chromium, first[1], _dir.File("profile"));
            Assert.Equal(eveAlerts.Count, Regex.Matches(dom, "<article class=\"alert ").Count);
            Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        }
    }
}
