using TrafficWatch.Pipeline;
using System.CommandLine;
using TrafficWatch.Attribution;
using TrafficWatch.Cli.Console;

namespace TrafficWatch.Cli.Commands;

/// <summary><c>trafficwatch signatures check [--signatures DIR]</c>: validates the vendor/class data councils edit.</summary>
internal static class SignaturesCommand
{
    public static Command Create()
    {
        var directory = new Option<string?>("--signatures", "-s")
        {
            Description = "Signatures folder (default: the one shipped beside the program).",
        };
        var check = new Command("check", "Validate the signature files; problems are listed as file:line: message.");
        check.Options.Add(directory);
        check.SetAction(parse =>
        {
            var error = System.Console.Error;
            var dir = parse.GetValue(directory);
            if (dir is null && !SignaturePaths.TryFindDefault(out dir))
            {
                error.WriteLine("trafficwatch: no signatures folder beside the program; name one with --signatures DIR");
                return ExitCodes.Usage;
            }
            if (!Directory.Exists(dir))
            {
                error.WriteLine($"trafficwatch: {dir}: no such folder");
                return ExitCodes.Usage;
            }
            var problems = SignatureCheck.Run(dir);
            foreach (var problem in problems)
            {
                error.WriteLine(TerminalText.Safe(problem.ToString()));
            }
            var failed = SignatureCheck.HasErrors(problems);
            error.WriteLine(failed
                ? $"{dir}: {problems.Count} problem(s), signatures are not usable"
                : $"{dir}: signatures OK ({problems.Count} warning(s))");
            return failed ? ExitCodes.Usage : ExitCodes.Ok;
        });
        var command = new Command("signatures", "Work with the vendor, device-class and policy data in signatures/.");
        command.Subcommands.Add(check);
        return command;
    }
}
