using System.CommandLine;
using TrafficWatch.Attribution.Devices;
using TrafficWatch.Capture;
using TrafficWatch.Cli.Configuration;

namespace TrafficWatch.Cli.Commands;

/// <summary>
/// <c>trafficwatch devices FILE_OR_DIR... [--format table|json|csv]</c>: the device inventory of captures, from passive
/// traffic alone: MAC, vendor, class with its evidence, names, addresses, VLAN/zone, registered or not, first/last seen,
/// bytes out/in and the number of external destinations. The inventory goes to standard output (names from the wire are
/// escaped in the table and CSV, faithful in JSON); progress and problems go to standard error.
/// </summary>
internal static class DevicesCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Capture files (pcap, pcapng) or directories of them; several are merged by timestamp.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "table (default, for a terminal), json (faithful strings, for scripts) or csv (for spreadsheets; formula-safe).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var config = new Option<string?>("--config", "-c") { Description = "YAML configuration file (zones, asset register, devices ...)." };
        var signatures = new Option<string?>("--signatures") { Description = "Signatures folder; default: the one shipped beside the program." };
        var assets = new Option<string?>("--assets") { Description = "The council's asset register (CSV: mac, ip, name, zone, site, owner, notes)." };
        var filter = new Option<string?>("--filter", "-f") { Description = "BPF filter (tcpdump syntax), e.g. 'vlan 10'." };
        var command = new Command("devices", "List the devices seen in captures: vendor, class and evidence, names, addresses, zone, registered, traffic.");
        command.Arguments.Add(inputs);
        foreach (var option in new Option[] { format, config, signatures, assets, filter })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            if (!SettingsLoader.TryLoad(parse.GetValue(config), threads: null, out var settings))
            {
                return ExitCodes.Usage;
            }
            settings.Analysis.SignaturesDirectory = parse.GetValue(signatures) ?? settings.Analysis.SignaturesDirectory;
            settings.Analysis.AssetRegisterFile = parse.GetValue(assets) ?? settings.Analysis.AssetRegisterFile;
            settings.Analysis.DetectionEnabled = false;
            var chosen = parse.GetValue(format) switch
            {
                "json" => DeviceInventoryFormat.Json,
                "csv" => DeviceInventoryFormat.Csv,
                _ => DeviceInventoryFormat.Table,
            };
            var session = new RunSession
            {
                Settings = settings,
                EvePath = null,
                MetricsPath = null,
                Quiet = true,
                Mode = "devices",
                Completed = (monitor, _) =>
                {
                    var output = System.Console.Out;
                    DeviceInventoryFormatter.Write(output, monitor.Devices.Snapshot(), chosen);
                    output.Flush();
                },
            };
            return RunSession.OpenAndRun(() => CaptureFiles.Open(parse.GetValue(inputs)!, parse.GetValue(filter)), session);
        });
        return command;
    }
}
