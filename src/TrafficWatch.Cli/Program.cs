using System.CommandLine;
using TrafficWatch.Cli.Commands;

namespace TrafficWatch.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = BuildRootCommand();
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }

    internal static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("TrafficWatch: who your cameras and IoT devices talk to, and whether they should.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(CaptureCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(SignaturesCommand.Create());
        root.Subcommands.Add(EmailCommand.Create());
        root.Subcommands.Add(ExtractCommand.Create());
        root.Subcommands.Add(DevicesCommand.Create());
        return root;
    }
}
