using System.CommandLine;
using TrafficWatch.Attribution.Devices;
using TrafficWatch.Attribution.Zones;
using TrafficWatch.Capture;
using TrafficWatch.Cli.Configuration;
using TrafficWatch.Simulation;
using TrafficWatch.Simulation.GeoDatabase;

namespace TrafficWatch.Cli.Commands;

/// <summary>
/// <c>trafficwatch demo</c>: the first five minutes. Simulates the default scenario (a council network with
/// injected violations) into a folder, with the GeoIP databases and asset register that go with it, replays it on
/// embedded defaults (no InfluxDB, no SMTP: metrics to a line-protocol file, alerts to EVE JSON, mails to an outbox),
/// prints the device inventory and the alerts, writes the HTML report and says where everything is.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Folder for the demo capture and outputs (default: trafficwatch-demo in the temp folder).",
        };
        var command = new Command("demo", "Simulate a council network with violations and analyse it, no servers needed.");
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(output) ?? Path.Combine(Path.GetTempPath(), "trafficwatch-demo");
            var error = System.Console.Error;
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"trafficwatch: cannot create {dir}: {ex.Message}");
                return ExitCodes.CannotStart;
            }
            var capture = Path.Combine(dir, "city.pcap");
            var eve = Path.Combine(dir, "eve.json");
            var metrics = Path.Combine(dir, "metrics.lp");
            var report = Path.Combine(dir, "report.html");
            error.WriteLine("1/2 simulating a council network (camera VLAN 10, IoT VLAN 20, office LAN) with injected violations ...");
            var simulation = new CityNetworkSimulator(new SimulationOptions
            {
                OutputPath = capture,
                Scenario = SimulationScenarios.Default,
                Devices = 40,
                Duration = TimeSpan.FromMinutes(5),
                CameraBitrateKbps = 128,
            }).Run();
            SimulateCommand.Report(error, simulation);
            var geo = SimulatedGeoDatabases.WriteBeside(capture, simulation.StartTime, simulation.Destinations);
            var assets = SimulatedAssetRegister.WriteBeside(capture, simulation.Devices);

            error.WriteLine("2/2 replaying it through the pipeline on embedded defaults ...");
            var settings = TrafficWatchSettings.Load(null);
            settings.Analysis.Enrichment.CountryDatabase = geo.CountryPath;
            settings.Analysis.Enrichment.AsnDatabase = geo.AsnPath;
            settings.Analysis.AssetRegisterFile = assets;
            settings.Analysis.Zones = new ZoneOptions
            {
                Zones =
                [
                    new ZoneDefinition { Name = SimulatedAssetRegister.CamerasZone, Vlans = [NetworkPlan.CameraVlan] },
                    new ZoneDefinition { Name = SimulatedAssetRegister.IotZone, Vlans = [NetworkPlan.IotVlan] },
                    new ZoneDefinition { Name = SimulatedAssetRegister.OfficeZone, Vlans = [NetworkPlan.OfficeVlan] },
                ],
            };
            // Alert e-mails are composed into an outbox folder, not sent: no SMTP server is needed for the demo.
            var outbox = Path.Combine(dir, "outbox");
            settings.Email.Enabled = true;
            settings.Email.Deliver = false;
            settings.Email.Host = "smtp.council.invalid";
            settings.Email.From = "trafficwatch@council.invalid";
            settings.Email.OutboxDirectory = outbox;
            settings.Email.GrafanaUrl ??= "http://localhost:3000";
            settings.Email.Routes =
            [
                new TrafficWatch.Outputs.Email.EmailRoute { Name = "cctv-team", To = ["cctv-team@council.invalid"], Zones = [SimulatedAssetRegister.CamerasZone] },
            ];
            settings.Email.DefaultRoute = new TrafficWatch.Outputs.Email.EmailRoute { Name = "soc", To = ["soc@council.invalid"] };
            using var source = CaptureFiles.Open([capture]);
            var session = new RunSession
            {
                Settings = settings,
                EvePath = eve,
                MetricsPath = metrics,
                Quiet = false,
                Mode = "demo",
                Email = true,
                ReportPaths = [report],
                Inputs = [capture],
                Completed = (monitor, _) =>
                {
                    error.WriteLine();
                    error.WriteLine("Device inventory:");
                    DeviceInventoryFormatter.Write(error, monitor.Devices.Snapshot(), DeviceInventoryFormat.Table);
                },
            };
            var code = session.Run(source);
            error.WriteLine();
            error.WriteLine($"Outputs in {Path.GetFullPath(dir)}:");
            error.WriteLine($"  report    {report}   (open in a browser; self-contained, prints well)");
            error.WriteLine($"  capture   {capture}   (open it in Wireshark, or: trafficwatch replay {capture})");
            error.WriteLine($"  EVE JSON  {eve}   (Suricata format: flow, dns, tls, http, dhcp and alert events)");
            error.WriteLine($"  metrics   {metrics}   (InfluxDB line protocol, 10 s intervals: influx -import -path={metrics} -precision=ns)");
            error.WriteLine($"  e-mails   {outbox}   (the alert e-mails council IT would get, as .eml files; open with any mail client)");
            error.WriteLine($"  GeoIP     {geo.CountryPath}, {geo.AsnPath}   (simulated destinations' countries)");
            error.WriteLine($"  assets    {assets}   (the asset register; the rogue device is not in it)");
            return code;
        });
        return command;
    }
}
