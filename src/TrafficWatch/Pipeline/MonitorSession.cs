using TrafficWatch.Attribution;
using TrafficWatch.Attribution.Devices;
using TrafficWatch.Capture;
using TrafficWatch.Detection;
using TrafficWatch.Flows;
using TrafficWatch.Outputs.Eve;
using TrafficWatch.Outputs.Metrics;

namespace TrafficWatch.Pipeline;

/// <summary>
/// One monitoring run, wired: capture -> decode (+ app-layer inspector) -> flow table -> naming and device inventory
/// -> attribution and enrichment -> detection -> outputs (EVE flows, app events and alerts; metrics; extra alert sinks).
/// The composition root of the engine: the CLI builds the resources and outputs, then calls <see cref="Run"/>.
/// </summary>
public sealed class MonitorSession
{
    private readonly AlertMetricsBuilder? _alertMetrics;

    public MonitorSession(IPacketSource source, AnalysisResources resources, AnalysisOptions options, FlowTableOptions flowOptions,
        PipelineOptions pipelineOptions, int intervalSeconds, MonitorOutputs outputs)
    {
        Devices = resources.CreateDeviceTable(options.Devices);
        Namer = new DestinationNamer(new PassiveDns(options.PassiveDns));
        var attributor = new FlowAttributor(Devices, resources.Scope, resources.Geo, resources.Vendors, resources.Policy);

        Alerts = new AlertCollector(outputs.MaxAlertsKept);
        var alertSinks = new List<IAlertSink> { Alerts };
        if (outputs.Eve is not null)
        {
            EveAlerts = new EveAlertSink(outputs.Eve);
            alertSinks.Add(EveAlerts);
        }
        TrafficMetricsBuilder? metrics = null;
        if (outputs.Metrics is not null)
        {
            metrics = new TrafficMetricsBuilder(outputs.Metrics, outputs.Sensor, outputs.Interface) { ExtraSensorFields = outputs.ExtraSensorFields };
            _alertMetrics = new AlertMetricsBuilder(outputs.Metrics, intervalSeconds);
            alertSinks.Add(_alertMetrics);
        }
        alertSinks.AddRange(outputs.AlertSinks);
        var suppressions = resources.Suppressions;
        Gate = new AlertGate(new AlertSinks([.. alertSinks]), options.Detectors.AlertGate,
            alert => suppressions.IsSuppressed(alert.Rule, alert.Device.Mac, alert.Destination?.Address, alert.Destination?.Name, alert.Timestamp));

        if (options.DetectionEnabled)
        {
            var detectors = new List<IDetector> { new DestinationPolicyDetector(options.DestinationPolicy, resources.Policy) };
            detectors.AddRange(BehaviouralDetectors.Create(options.Detectors, registerConfigured: resources.Assets is not null));
            Detection = new DetectionEngine(detectors, Gate);
        }

        var eveFlows = outputs.Eve is null ? null : new EveFlowSink(outputs.Eve);
        Analysis = new FlowAnalysis(attributor, Devices, metrics, _alertMetrics, eveFlows, Detection, intervalSeconds)
        {
            // EVE is written in 64 KiB pieces; each interval end also pushes out what is held, so a SIEM tailing the
            // file during a quiet live capture sees events within one interval of packet time.
            IntervalClosed = end =>
            {
                outputs.IntervalClosed?.Invoke(end);
                outputs.Eve?.Flush();
            },
        };
        Flows = new FlowTable(flowOptions, Analysis);
        var deviceObserver = new DeviceObserver(Devices, resources.Scope);
        Flows.StartObserver = new FlowStartObservers(Namer, deviceObserver, Analysis);
        var appObservers = new List<IAppMessageObserver> { Namer, deviceObserver, Analysis };
        if (outputs.Eve is not null)
        {
            appObservers.Add(new EveAppEventSink(outputs.Eve));
        }
        Pipeline = new PacketPipeline(source, Flows, pipelineOptions, Analysis, intervalSeconds, new AppMessageObservers([.. appObservers]));
        Metrics = metrics;
    }

    public PacketPipeline Pipeline { get; }
    public FlowTable Flows { get; }
    public DeviceTable Devices { get; }
    public DestinationNamer Namer { get; }
    public FlowAnalysis Analysis { get; }
    public DetectionEngine? Detection { get; }
    public AlertGate Gate { get; }
    public AlertCollector Alerts { get; }
    public EveAlertSink? EveAlerts { get; }
    public TrafficMetricsBuilder? Metrics { get; }

    /// <summary>Metric points written (traffic, devices, sensor, alerts).</summary>
    public long PointsWritten => (Metrics?.PointsWritten ?? 0) + (_alertMetrics?.PointsWritten ?? 0);

    /// <summary>Runs to the end of the input (or a stop request), then writes the alert metrics still open.</summary>
    public PipelineStatistics Run()
    {
        var stats = Pipeline.Run();
        _alertMetrics?.Flush();
        return stats;
    }
}
