using System.CommandLine;
using System.Globalization;
using TrafficWatch.Simulation;
using TrafficWatch.Simulation.GeoDatabase;

namespace TrafficWatch.Cli.Commands;

/// <summary>
/// <c>trafficwatch simulate --out FILE.pcap</c>: writes a deterministic capture of a council network, and beside it
/// (unless <c>--no-geoip</c>) the GeoIP databases that place its external addresses: <c>FILE.country.mmdb</c>
/// (GeoLite2-Country type) and <c>FILE.asn.mmdb</c> (GeoLite2-ASN type).
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "Capture file to write (classic pcap).", Required = true };
        var scenario = new Option<string>("--scenario")
        {
            Description = "normal, default (normal + every violation), or one of: " + string.Join(", ", SimulationScenarios.Violations),
            DefaultValueFactory = _ => SimulationScenarios.Default,
        };
        scenario.AcceptOnlyFromAmong([.. SimulationScenarios.All]);
        var devices = new Option<int>("--devices") { Description = "Number of devices (default 40).", DefaultValueFactory = _ => 40 };
        var duration = new Option<string>("--duration")
        {
            Description = "Packet-time length: 90s, 30m, 2h (default 10m).",
            DefaultValueFactory = _ => "10m",
        };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed writes the same bytes (default 1).", DefaultValueFactory = _ => 1 };
        var noGeoIp = new Option<bool>("--no-geoip")
        {
            Description = "Do not write the GeoIP databases beside the capture (by default FILE.pcap gets FILE.country.mmdb "
                + "and FILE.asn.mmdb, GeoLite2-Country and GeoLite2-ASN format, placing the simulated external addresses).",
        };
        var command = new Command("simulate",
            "Write a realistic capture of camera, IoT and office VLANs, with injected violations, plus GeoIP databases "
            + "for its external addresses (OUT with its extension replaced by .country.mmdb and .asn.mmdb).");
        foreach (var o in new Option[] { output, scenario, devices, duration, seed, noGeoIp })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse =>
        {
            if (!DurationText.TryParse(parse.GetValue(duration)!, out var length))
            {
                System.Console.Error.WriteLine($"trafficwatch: --duration '{parse.GetValue(duration)}' is not a duration like 90s, 30m or 2h");
                return ExitCodes.Usage;
            }
            var options = new SimulationOptions
            {
                OutputPath = parse.GetValue(output)!,
                Scenario = parse.GetValue(scenario)!,
                Devices = parse.GetValue(devices),
                Duration = length,
                Seed = parse.GetValue(seed),
            };
            try
            {
                var result = new CityNetworkSimulator(options).Run();
                Report(System.Console.Error, result);
                if (!parse.GetValue(noGeoIp))
                {
                    try
                    {
                        // build_epoch is the simulated capture's start: the same options give the same bytes.
                        ReportGeoIp(System.Console.Error, SimulatedGeoDatabases.WriteBeside(options.OutputPath, result.StartTime, result.Destinations));
                        var assets = SimulatedAssetRegister.WriteBeside(options.OutputPath, result.Devices);
                        System.Console.Error.WriteLine($"wrote {assets} (asset register of the planned devices; replay with --assets to flag unregistered ones)");
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        System.Console.Error.WriteLine($"trafficwatch: cannot write the GeoIP databases beside {options.OutputPath}: {ex.Message}");
                        return ExitCodes.CannotStart;
                    }
                }
                return ExitCodes.Ok;
            }
            catch (ArgumentException ex)
            {
                System.Console.Error.WriteLine($"trafficwatch: {ex.Message}");
                return ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                System.Console.Error.WriteLine($"trafficwatch: cannot write {options.OutputPath}: {ex.Message}");
                return ExitCodes.CannotStart;
            }
        });
        return command;
    }

    internal static void ReportGeoIp(TextWriter w, SimulatedGeoFiles files)
    {
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {files.CountryPath} ({SimulatedGeoDatabases.CountryDatabaseType}) and {files.AsnPath} ({SimulatedGeoDatabases.AsnDatabaseType}): {files.Networks} simulated external addresses"));
    }

    internal static void Report(TextWriter w, SimulationResult r)
    {
        var ci = CultureInfo.InvariantCulture;
        w.WriteLine(string.Create(ci, $"wrote {r.OutputPath}: {r.Packets:N0} packets, {r.Flows:N0} flows, {r.Devices.Count} devices, scenario '{r.Scenario}' (seed {r.Seed}) in {r.Elapsed.TotalSeconds:F1} s"));
        foreach (var v in r.Violations)
        {
            w.WriteLine(string.Create(ci, $"  injected {v.Rule}: {v.DeviceName} ({v.DeviceMac}) at {v.FirstSeen:HH:mm:ss}"));
        }
    }
}
