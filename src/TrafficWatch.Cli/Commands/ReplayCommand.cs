using System.CommandLine;
using TrafficWatch.Capture;

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
        var common = new CommonOptions();
        var command = new Command("replay", "Replay capture files through the pipeline; results are the same as live capture.");
        command.Arguments.Add(inputs);
        common.AddTo(command);
        command.SetAction(parse =>
        {
            if (!common.TryLoadSettings(parse, out var settings))
            {
                return ExitCodes.Usage;
            }
            return RunSession.OpenAndRun(
                () => CaptureFiles.Open(parse.GetValue(inputs)!, parse.GetValue(common.FilterOption)),
                common.CreateSession(parse, settings, "replay"));
        });
        return command;
    }
}
