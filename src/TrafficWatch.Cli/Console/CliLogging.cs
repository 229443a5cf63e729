using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace TrafficWatch.Cli.Console;

/// <summary>Serilog behind Microsoft.Extensions.Logging, writing warnings and errors to standard error (never secrets: writers mask them).</summary>
internal static class CliLogging
{
    public static ILoggerFactory CreateFactory()
    {
        var serilog = new LoggerConfiguration()
            .MinimumLevel.Warning()
            .WriteTo.Console(LogEventLevel.Warning, outputTemplate: "trafficwatch: {Level:u}: {Message:lj}{NewLine}", standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
        return LoggerFactory.Create(builder => builder.AddSerilog(serilog, dispose: true));
    }
}
