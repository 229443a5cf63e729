using TrafficWatch.Attribution.Zones;
using TrafficWatch.Capture;
using TrafficWatch.Flows;
using TrafficWatch.Pipeline;
using TrafficWatch.Simulation;
using TrafficWatch.Simulation.GeoDatabase;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Pipeline;

/// <summary>
/// Detection acceptance on the simulator's scenarios, through the whole wired engine (shipped signatures and policy,
/// the simulated GeoIP databases and asset register, zones cameras/iot/office): a normal day gives no alert at all; each
/// scenario gives exactly the expected findings, all about the device the violation was injected on.
/// </summary>
public sealed class ScenarioAlertAcceptanceTests(ITestOutputHelper output)
{
    public static TheoryData<string, string[]> Scenarios => new()
    {
        { SimulationScenarios.Normal, [] },
        { SimulationScenarios.VendorCloud, ["vendor-cloud"] },
        { SimulationScenarios.DirectIp, ["direct-ip", "restricted-country"] },
        { SimulationScenarios.Beaconing, ["beaconing", "direct-ip", "restricted-country"] },
        { SimulationScenarios.DnsTunnel, ["dns-tunnel"] },
        { SimulationScenarios.RogueDevice, ["new-device"] },
        { SimulationScenarios.SlowDrip, ["exfil-volume", "restricted-country"] },
        { SimulationScenarios.CleartextManagement, ["cleartext-management", "unapproved-destination"] },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_gives_exactly_the_expected_alerts_on_the_injected_device(string scenario, string[] expectedRules)
    {
        var (simulation, session) = Run(scenario, signatures: null);
        var alerts = session.Alerts.Alerts;
        foreach (var alert in alerts)
        {
            output.WriteLine($"{alert.Rule} {alert.Device.Mac} {alert.Explanation}");
        }
        var rules = alerts.Select(a => a.Rule).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedRules.Order(StringComparer.Ordinal).ToArray(), rules);
        if (expectedRules.Length > 0)
        {
            var injected = Assert.Single(simulation.Violations).DeviceMac;
            Assert.All(alerts, a => Assert.Equal(injected, a.Device.Mac));
            Assert.All(alerts, a => Assert.False(string.IsNullOrWhiteSpace(a.Explanation)));
        }
    }

    [Fact]
    public void A_suppression_of_one_rule_for_one_device_silences_exactly_that_finding()
    {
        var (simulation, _) = Run(SimulationScenarios.CleartextManagement, signatures: null);
        var device = Assert.Single(simulation.Violations).DeviceMac;
        var signatures = Path.Combine(Path.GetTempPath(), "tw-sig-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "signatures"), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(signatures, Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "signatures"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            File.WriteAllText(Path.Combine(signatures, "suppressions.yaml"), $"""
                schema: 1
                suppressions:
                  - rule: cleartext-management
                    device: "{device}"
                    expires: 2099-12-31
                    reason: "accepted for the test (ticket T-1)"
                """);
            var (_, session) = Run(SimulationScenarios.CleartextManagement, signatures);
            var rules = session.Alerts.Alerts.Select(a => a.Rule).Distinct().ToArray();
            Assert.Equal(["unapproved-destination"], rules);              // the other finding on the same flow stays
            Assert.True(session.Gate.Suppressed >= 1);
        }
        finally
        {
            Directory.Delete(signatures, recursive: true);
        }
    }

    private static (SimulationResult Simulation, MonitorSession Session) Run(string scenario, string? signatures)
    {
        var dir = Path.Combine(Path.GetTempPath(), "tw-scenario-" + scenario + "-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var capture = Path.Combine(dir, scenario + ".pcap");
            var simulation = new CityNetworkSimulator(new SimulationOptions
            {
                Scenario = scenario,
                Devices = 12,
                Duration = TimeSpan.FromMinutes(90),
                Seed = 3,
                CameraBitrateKbps = 16,
                OutputPath = capture,
            }).Run();
            var geo = SimulatedGeoDatabases.WriteBeside(capture, simulation.StartTime, simulation.Destinations);
            var options = new AnalysisOptions
            {
                SignaturesDirectory = signatures,
                AssetRegisterFile = SimulatedAssetRegister.WriteBeside(capture, simulation.Devices),
                Zones = new ZoneOptions
                {
                    Zones =
                    [
                        new ZoneDefinition { Name = SimulatedAssetRegister.CamerasZone, Vlans = [NetworkPlan.CameraVlan] },
                        new ZoneDefinition { Name = SimulatedAssetRegister.IotZone, Vlans = [NetworkPlan.IotVlan] },
                        new ZoneDefinition { Name = SimulatedAssetRegister.OfficeZone, Vlans = [NetworkPlan.OfficeVlan] },
                    ],
                },
            };
            options.Enrichment.CountryDatabase = geo.CountryPath;
            options.Enrichment.AsnDatabase = geo.AsnPath;
            using var resources = AnalysisResources.Load(options);
            Assert.Empty(resources.Warnings);
            using var source = CaptureFiles.Open(capture);
            var session = new MonitorSession(source, resources, options, new FlowTableOptions(), new PipelineOptions { Threads = 2 }, 10, new MonitorOutputs());
            session.Run();
            return (simulation, session);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
