using System.CommandLine;
using TrafficWatch.Capture;
using TrafficWatch.Cli.Configuration;
using TrafficWatch.Simulation;

namespace TrafficWatch.Cli.Commands;

/// <summary>
/// <c>trafficwatch demo</c>: the first five minutes. Simulates the default scenario (a council network with
/// injected violations) into a folder, replays it on embedded defaults (no InfluxDB, no SMTP) and says where
/// every output is.
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

            error.WriteLine("2/2 replaying it through the pipeline on embedded defaults ...");
            using var source = CaptureFiles.Open([capture]);
            var session = new RunSession
            {
                Settings = TrafficWatchSettings.Load(null),
                EvePath = eve,
                MetricsPath = metrics,
                Quiet = false,
                Mode = "demo",
            };
            var code = session.Run(source);
            error.WriteLine();
            error.WriteLine($"Outputs in {Path.GetFullPath(dir)}:");
            error.WriteLine($"  capture   {capture}   (open it in Wireshark, or: trafficwatch replay {capture})");
            error.WriteLine($"  EVE JSON  {eve}   (Suricata format: flow records; load into any SIEM that reads Suricata)");
            error.WriteLine($"  metrics   {metrics}   (InfluxDB line protocol, 10 s intervals: influx -import -path={metrics} -precision=ns)");
            return code;
        });
        return command;
    }
}
