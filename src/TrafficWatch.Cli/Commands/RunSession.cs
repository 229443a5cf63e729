using System.Runtime.InteropServices;
using TrafficWatch.Attribution;
using TrafficWatch.Capture;
using TrafficWatch.Cli.Configuration;
using TrafficWatch.Cli.Console;
using TrafficWatch.Enrichment;
using TrafficWatch.Outputs.Metrics;
using TrafficWatch.Flows;
using TrafficWatch.Outputs.Eve;
using TrafficWatch.Pipeline;

namespace TrafficWatch.Cli.Commands;

/// <summary>
/// One run of the engine over a packet source (replay or live): opens the outputs, wires the stages,
/// handles Ctrl-C/SIGTERM (stop reading, flush flows, close outputs), shows progress and the summary.
/// </summary>
internal sealed class RunSession
{
    public required TrafficWatchSettings Settings { get; init; }
    public required string EvePath { get; init; }
    public required bool Quiet { get; init; }
    public required string Mode { get; init; }
    public string MetricsPath { get; init; } = "metrics.lp";
    public TextWriter Error { get; init; } = System.Console.Error;

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
        EveWriter eve;
        try
        {
            eve = EveWriter.Open(EvePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Error.WriteLine($"trafficwatch: cannot open EVE output {EvePath}: {ex.Message}");
            return ExitCodes.CannotStart;
        }

        using var loggerFactory = CliLogging.CreateFactory();
        var influx = string.IsNullOrWhiteSpace(Settings.Influx.Url) ? null : Settings.Influx;
        IMetricWriter metricWriter;
        try
        {
            metricWriter = MetricWriterFactory.Create(influx, MetricsPath, loggerFactory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            eve.Dispose();
            Error.WriteLine($"trafficwatch: cannot open metrics output {MetricsPath}: {ex.Message}");
            return ExitCodes.CannotStart;
        }
        var vendors = VendorLookup.Load(Error);
        var metrics = new TrafficMetricsBuilder(metricWriter, new AddressScope(Settings.Metrics.InternalRanges), vendors,
            Settings.Metrics.Sensor, Mode == "capture" ? Settings.Capture.Interface : "replay");

        PipelineStatistics stats;
        var interrupted = false;
        using (eve)
        {
            var flows = new FlowTable(Settings.Flows, new FlowSinks(new EveFlowSink(eve), metrics));
            var namer = new DestinationNamer(new PassiveDns(Settings.PassiveDns));
            flows.StartObserver = namer;
            var appObservers = new AppMessageObservers(namer, new EveAppEventSink(eve));
            var pipeline = new PacketPipeline(source, flows, Settings.Pipeline, metrics, Settings.Metrics.IntervalSeconds, appObservers);

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
                stats = pipeline.Run();
            }
            finally
            {
                System.Console.CancelKeyPress -= onCancel;
            }
        }
        // Points already queued are written (or spooled when InfluxDB is down) before the process ends.
        metricWriter.DisposeAsync().AsTask().GetAwaiter().GetResult();

        foreach (var error in stats.Errors)
        {
            Error.WriteLine($"trafficwatch: error: {error}");
        }
        if (!Quiet)
        {
            RunSummary.Write(Error, Mode, source.Description, stats, EvePath, eve.EventsWritten);
            var target = influx is null ? Path.GetFullPath(MetricsPath) : SecretFreeUrl(influx.Url!);
            Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"  metrics   {target} ({metrics.PointsWritten:N0} points, {Settings.Metrics.IntervalSeconds} s intervals of packet time; {metricWriter.WriteErrors:N0} write errors, {metricWriter.DroppedPoints:N0} dropped)"));
        }
        if (stats.Errors.Count > 0)
        {
            return ExitCodes.InputErrors;
        }
        return interrupted && Mode == "replay" ? ExitCodes.Interrupted : ExitCodes.Ok;
    }

    private static string SecretFreeUrl(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "InfluxDB";
}
