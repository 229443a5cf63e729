using System.Diagnostics;

namespace TrafficWatch.Tests.Cli;

/// <summary>Runs the real <c>trafficwatch</c> program (built beside the tests) as a child process.</summary>
internal static class TrafficWatchProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "trafficwatch.dll");

    /// <summary>Starts the program with <paramref name="workingDirectory"/> as its current folder (default outputs land there).</summary>
    public static Process StartIn(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    public static Result RunIn(string workingDirectory, params string[] args)
    {
        using var process = StartIn(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("trafficwatch did not finish in 120 s: " + string.Join(' ', args));
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
