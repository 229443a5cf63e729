using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using TrafficWatch.Capture;
using TrafficWatch.Cli.Configuration;
using TrafficWatch.Cli.Console;
using TrafficWatch.Detection;
using TrafficWatch.Outputs.Email;
using TrafficWatch.Outputs.Eve;
using TrafficWatch.Outputs.Metrics;
using TrafficWatch.Outputs.Report;
using TrafficWatch.Pipeline;

namespace TrafficWatch.Cli.Commands;

/// <summary>
/// One run of the engine over a packet source (replay or live): loads the analysis resources, opens the outputs,
/// builds a <see cref="MonitorSession"/>, handles Ctrl-C/SIGTERM (stop reading, flush flows, close outputs), shows
/// progress and the summary (inventory size, alerts by rule).
/// </summary>
internal sealed class RunSession
{
    public required TrafficWatchSettings Settings { get; init; }
    /// <summary>EVE output file ('-' for standard output), or null for none.</summary>
    public required string? EvePath { get; init; }
    public required bool Quiet { get; init; }
    public required string Mode { get; init; }
    /// <summary>Line-protocol file when no InfluxDB is configured, or null for no metrics at all.</summary>
    public string? MetricsPath { get; init; } = "metrics.lp";
    /// <summary>Send alert e-mails (live capture when configured; replays only with --email).</summary>
    public bool Email { get; init; }
    public TextWriter Error { get; init; } = System.Console.Error;
    /// <summary>Report files to write after the run (.html, .json or .md, chosen by extension).</summary>
    public IReadOnlyList<string> ReportPaths { get; init; } = [];
    /// <summary>The inputs as the user named them (for the report).</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
    /// <summary>Called after the run with the session (devices command, demo, reports).</summary>
    public Action<MonitorSession, PipelineStatistics>? Completed { get; init; }

    /// <summary>Opens the source (a failure to open is one line and exit code 3), runs, and disposes it.</summary>
    public static int OpenAndRun(Func<IPacketSource> open, RunSession session)
    {
        IPacketSource source;
        try
        {
            source = open();
        }
        catch (CaptureOpenException ex)
        {
            session.Error.WriteLine($"trafficwatch: {ex.Message}");
            return ExitCodes.CannotStart;
        }
        using (source)
        {
            return session.Run(source);
        }
    }

    public int Run(IPacketSource source)
    {
        AnalysisResources resources;
        try
        {
            resources = AnalysisResources.Load(Settings.Analysis);
        }
        catch (AnalysisResourceException ex)
        {
            Error.WriteLine($"trafficwatch: {TerminalText.Safe(ex.Message)}");
            return ExitCodes.Usage;
        }
        using (resources)
        {
            if (!Quiet)
            {
                foreach (var warning in resources.Warnings)
                {
                    Error.WriteLine($"trafficwatch: warning: {TerminalText.Safe(warning)}");
                }
            }
            return Run(source, resources);
        }
    }

    private int Run(IPacketSource source, AnalysisResources resources)
    {
        EveWriter eve;
        try
        {
            eve = EvePath is null ? new EveWriter(Stream.Null, ownsStream: false) : EveWriter.Open(EvePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Error.WriteLine($"trafficwatch: cannot open EVE output {EvePath}: {ex.Message}");
            return ExitCodes.CannotStart;
        }

        using var loggerFactory = CliLogging.CreateFactory();
        var influx = string.IsNullOrWhiteSpace(Settings.Influx.Url) ? null : Settings.Influx;
        IMetricWriter? metricWriter = null;
        try
        {
            if (influx is not null || MetricsPath is not null)
            {
                metricWriter = MetricWriterFactory.Create(influx, MetricsPath ?? "metrics.lp", loggerFactory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            eve.Dispose();
            Error.WriteLine($"trafficwatch: cannot open metrics output {MetricsPath}: {ex.Message}");
            return ExitCodes.CannotStart;
        }

        EmailAlertSink? email = null;
        if (Email && Settings.Email.Enabled)
        {
            try
            {
                email = new EmailAlertSink(Settings.Email, loggerFactory.CreateLogger<EmailAlertSink>());
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
            {
                eve.Dispose();
                metricWriter?.DisposeAsync().AsTask().GetAwaiter().GetResult();
                Error.WriteLine($"trafficwatch: cannot start alert e-mail: {FirstLine(ex.Message)}");
                return ExitCodes.CannotStart;
            }
        }
        else if (Email && !Quiet)
        {
            Error.WriteLine("trafficwatch: warning: --email given but the Email section is not enabled in the configuration; no mail is sent");
        }

        var outputs = new MonitorOutputs
        {
            Eve = EvePath is null ? null : eve,
            Metrics = metricWriter,
            Sensor = Settings.Metrics.Sensor,
            Interface = Mode == "capture" ? Settings.Capture.Interface ?? "capture" : "replay",
            AlertSinks = email is null ? [] : [email],
            IntervalClosed = email is null ? null : email.AdvanceTo,
            ExtraSensorFields = email is null ? null : () =>
            [
                ("email_sent", email.Counters.Sent),
                ("email_failed", email.Counters.FailedAttempts),
                ("email_queued", email.Counters.Queued),
            ],
        };

        PipelineStatistics stats;
        MonitorSession session;
        ReportCollector? reports = null;
        var interrupted = false;
        using (eve)
        {
            session = new MonitorSession(source, resources, Settings.Analysis, Settings.Flows, Settings.Pipeline, Settings.Metrics.IntervalSeconds, outputs);
            if (ReportPaths.Count > 0)
            {
                reports = new ReportCollector();
                session.Analysis.FactsObserved = reports.Observe;
            }
            var pipeline = session.Pipeline;

            void Stop()
            {
                interrupted = true;
                pipeline.RequestStop();
            }

            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                if (!interrupted)
                {
                    e.Cancel = true;      // first Ctrl-C: stop reading and flush; a second one kills
                    Stop();
                }
            };
            System.Console.CancelKeyPress += onCancel;
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
            {
                ctx.Cancel = true;
                Stop();
            });
            using var progress = Quiet ? null : ProgressDisplay.StartIfTerminal(source, pipeline.Statistics, Error);
            try
            {
                stats = session.Run();
            }
            finally
            {
                System.Console.CancelKeyPress -= onCancel;
            }
        }
        if (email is not null)
        {
            email.Complete(stats.LastPacket);
            if (!email.DrainAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult() && !Quiet)
            {
                Error.WriteLine($"trafficwatch: warning: {email.Counters.Queued} alert e-mails are still in the outbox; they are sent at the next start");
            }
            email.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        // Points already queued are written (or spooled when InfluxDB is down) before the process ends.
        metricWriter?.DisposeAsync().AsTask().GetAwaiter().GetResult();

        foreach (var error in stats.Errors)
        {
            Error.WriteLine($"trafficwatch: error: {error}");
        }
        if (!Quiet)
        {
            RunSummary.Write(Error, Mode, source.Description, stats, EvePath ?? "(none)", eve.EventsWritten);
            if (metricWriter is not null)
            {
                var target = influx is null ? Path.GetFullPath(MetricsPath!) : SecretFreeUrl(influx.Url!);
                Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  metrics   {target} ({session.PointsWritten:N0} points, {Settings.Metrics.IntervalSeconds} s intervals of packet time; {metricWriter.WriteErrors:N0} write errors, {metricWriter.DroppedPoints:N0} dropped)"));
            }
            Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  devices   {session.Devices.Count:N0} in the inventory; GeoIP: {TerminalText.Safe(resources.Geo.Describe())}"));
            AlertSummary.Write(Error, session);
        }
        Completed?.Invoke(session, stats);
        if (reports is not null)
        {
            var data = reports.Build(session, stats, Inputs.Count > 0 ? Inputs : [source.Description], EvePath is null or "-" ? null : Path.GetFullPath(EvePath), resources);
            foreach (var path in ReportPaths)
            {
                try
                {
                    ReportWriter.Write(data, path);
                    if (!Quiet)
                    {
                        Error.WriteLine($"  report    {Path.GetFullPath(path)}");
                    }
                }
                catch (ReportWriteException ex)
                {
                    Error.WriteLine($"trafficwatch: {ex.Message}");
                    return ExitCodes.CannotStart;
                }
            }
        }
        if (stats.Errors.Count > 0)
        {
            return ExitCodes.InputErrors;
        }
        return interrupted && Mode == "replay" ? ExitCodes.Interrupted : ExitCodes.Ok;
    }

    private static string FirstLine(string text)
    {
        var nl = text.IndexOfAny(['\r', '\n']);
        return nl < 0 ? text : text[..nl];
    }

    private static string SecretFreeUrl(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "InfluxDB";
}
