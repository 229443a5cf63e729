using System.CommandLine;
using TrafficWatch.Capture;

namespace TrafficWatch.Cli.Commands;

/// <summary>
/// <c>trafficwatch replay FILE_OR_DIR... [--from TIME] [--to TIME] [--speed realtime|N|max]</c>: forensic replay of
/// capture files, merged in packet-time order, optionally cut to a time window and paced like the original traffic.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Capture files (pcap, pcapng) or directories of them; several are merged by timestamp.",
            Arity = ArgumentArity.OneOrMore,
        };
        var from = new Option<string?>("--from")
        {
            Description = "Process only packets at or after this time: ISO-8601 (2025-06-02T08:00:00Z; UTC unless a zone is given) or Unix seconds.",
        };
        var to = new Option<string?>("--to")
        {
            Description = "Process only packets before this time (exclusive), same forms as --from. Packets outside the window are skipped and counted.",
        };
        var speed = new Option<string>("--speed")
        {
            Description = "max (default): as fast as possible; realtime: the capture's own pace; N: N times that pace (e.g. 10), for feeding a live stack.",
            DefaultValueFactory = _ => "max",
        };
        var report = new Option<string[]>("--report")
        {
            Description = "Write a forensic report after the replay: FILE.html (self-contained, prints well), FILE.json or FILE.md (for tickets). Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var common = new CommonOptions();
        var command = new Command("replay", "Replay capture files through the pipeline; results are the same as live capture.");
        command.Arguments.Add(inputs);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(speed);
        command.Options.Add(report);
        common.AddTo(command);
        command.SetAction(parse =>
        {
            if (!TimeWindowText.TryParseWindow(parse.GetValue(from), parse.GetValue(to), out var window, out var windowError))
            {
                System.Console.Error.WriteLine($"trafficwatch: {windowError}");
                return ExitCodes.Usage;
            }
            if (!PacedSpeed.TryParse(parse.GetValue(speed), out var pace, out var speedError))
            {
                System.Console.Error.WriteLine($"trafficwatch: {speedError}");
                return ExitCodes.Usage;
            }
            if (!common.TryLoadSettings(parse, out var settings))
            {
                return ExitCodes.Usage;
            }
            return RunSession.OpenAndRun(
                () => Decorate(CaptureFiles.Open(parse.GetValue(inputs)!, parse.GetValue(common.FilterOption)), window, pace),
                common.CreateSession(parse, settings, "replay", parse.GetValue(report), parse.GetValue(inputs)));
        });
        return command;
    }

    /// <summary>Window first (so pacing starts at the first packet kept), then pacing; each decorator owns what it wraps.</summary>
    internal static IPacketSource Decorate(IPacketSource source, TimeWindow window, PacedSpeed speed)
    {
        if (!window.IsUnbounded)
        {
            source = new TimeWindowPacketSource(source, window);
        }
        if (!speed.IsMax)
        {
            source = new PacedPacketSource(source, speed);
        }
        return source;
    }
}
