using System.CommandLine;
using TrafficWatch.Capture;
using TrafficWatch.Cli.Configuration;

namespace TrafficWatch.Cli.Commands;

/// <summary><c>trafficwatch replay FILE_OR_DIR...</c>: forensic replay of capture files, merged in packet-time order.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Capture files (pcap, pcapng) or directories of them; several are merged by timestamp.",
            Arity = ArgumentArity.OneOrMore,
        };
        var eve = CommonOptions.Eve();
        var filter = CommonOptions.Filter();
        var config = CommonOptions.Config();
        var threads = CommonOptions.Threads();
        var quiet = CommonOptions.Quiet();
        var metrics = CommonOptions.Metrics();
        var influx = CommonOptions.Influx();
        var command = new Command("replay", "Replay capture files through the pipeline; results are the same as live capture.");
        command.Arguments.Add(inputs);
        command.Options.Add(eve);
        command.Options.Add(filter);
        command.Options.Add(config);
        command.Options.Add(threads);
        command.Options.Add(quiet);
        command.Options.Add(metrics);
        command.Options.Add(influx);
        command.SetAction(parse =>
        {
            if (!SettingsLoader.TryLoad(parse.GetValue(config), parse.GetValue(threads), out var settings, parse.GetValue(influx)))
            {
                return ExitCodes.Usage;
            }
            return RunSession.OpenAndRun(() => CaptureFiles.Open(parse.GetValue(inputs)!, parse.GetValue(filter)), new RunSession
            {
                Settings = settings,
                EvePath = parse.GetValue(eve) ?? "eve.json",
                Quiet = parse.GetValue(quiet),
                MetricsPath = parse.GetValue(metrics) ?? "metrics.lp",
                Mode = "replay",
            });
        });
        return command;
    }
}
