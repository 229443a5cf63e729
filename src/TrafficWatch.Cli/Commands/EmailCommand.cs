using System.CommandLine;
using TrafficWatch.Cli.Configuration;
using TrafficWatch.Cli.Console;
using TrafficWatch.Outputs.Email;

namespace TrafficWatch.Cli.Commands;

/// <summary><c>trafficwatch email test [--config FILE] [--to ADDRESS]</c>: sends a test message with the current
/// settings and prints the outcome of the SMTP conversation in one line (exit 0 when the server accepted it, 3 when not).</summary>
internal static class EmailCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c")
        {
            Description = "YAML configuration file with the Email section (environment variables TRAFFICWATCH_Email__* also apply).",
        };
        var to = new Option<string[]>("--to")
        {
            Description = "Recipient(s) of the test message. Default: every recipient of every route.",
            AllowMultipleArgumentsPerToken = true,
        };
        var test = new Command("test", "Send a test message with the current settings; one line with the server's reply or the error.");
        test.Options.Add(config);
        test.Options.Add(to);
        test.SetAction(async (parse, ct) =>
        {
            if (!SettingsLoader.TryLoad(parse.GetValue(config), null, out var settings))
            {
                return ExitCodes.Usage;
            }
            var problems = settings.Email.Validate();
            if (problems.Count > 0)
            {
                System.Console.Error.WriteLine($"trafficwatch: email: {TerminalText.Safe(string.Join(" ", problems))}");
                return ExitCodes.Usage;
            }
            var result = await EmailTester.SendAsync(settings.Email, parse.GetValue(to), ct).ConfigureAwait(false);
            var line = TerminalText.Safe(result.Line);
            if (result.Success)
            {
                System.Console.Out.WriteLine($"email test: OK, {line}");
                return ExitCodes.Ok;
            }
            System.Console.Out.WriteLine($"email test: FAILED, {line}");
            return ExitCodes.CannotStart;
        });
        var command = new Command("email", "Alert e-mail (configuration section Email).");
        command.Subcommands.Add(test);
        return command;
    }
}
