using Microsoft.Extensions.Configuration;
using TrafficWatch.Attribution;
using TrafficWatch.Attribution.Devices;
using TrafficWatch.Attribution.Zones;
using TrafficWatch.Detection;
using TrafficWatch.Enrichment;
using TrafficWatch.Capture;
using TrafficWatch.Flows;
using TrafficWatch.Outputs.Email;
using TrafficWatch.Outputs.Metrics;
using TrafficWatch.Pipeline;

namespace TrafficWatch.Cli.Configuration;

/// <summary>
/// All settings of a run, bound from (lowest to highest precedence) embedded defaults, the YAML file
/// given with <c>--config</c>, environment variables prefixed <c>TRAFFICWATCH_</c> (<c>__</c> separates
/// sections), then command-line options.
/// </summary>
internal sealed class TrafficWatchSettings
{
    public FlowTableOptions Flows { get; } = new();
    public PipelineOptions Pipeline { get; } = new();
    public CaptureOptions Capture { get; } = new();
    public MetricsOptions Metrics { get; } = new();
    public InfluxOptions Influx { get; } = new();
    public PassiveDnsOptions PassiveDns { get; } = new();
    public EmailOptions Email { get; } = new();
    /// <summary>Attribution, enrichment and detection: signatures, asset register, zones, devices, GeoIP, detectors.</summary>
    public AnalysisOptions Analysis { get; } = new();

    public static TrafficWatchSettings Load(string? configPath, Action<TrafficWatchSettings>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        if (configPath is not null)
        {
            if (!File.Exists(configPath))
            {
                throw new ConfigurationFileException(configPath, null, "file not found");
            }
            builder.AddInMemoryCollection(YamlConfigurationFile.Read(configPath));
        }
        builder.AddEnvironmentVariables("TRAFFICWATCH_");
        var config = builder.Build();
        var settings = new TrafficWatchSettings();
        var source = configPath ?? "environment";
        Bind(config, FlowTableOptions.Section, settings.Flows, source);
        Bind(config, PipelineOptions.Section, settings.Pipeline, source);
        Bind(config, CaptureOptions.Section, settings.Capture, source);
        Bind(config, MetricsOptions.Section, settings.Metrics, source);
        Bind(config, InfluxOptions.Section, settings.Influx, source);
        Bind(config, PassiveDnsOptions.Section, settings.PassiveDns, source);
        Bind(config, EmailOptions.Section, settings.Email, source);
        BindAnalysis(config, settings, source);
        overrides?.Invoke(settings);
        settings.Validate(source);
        return settings;
    }

    private static void BindAnalysis(IConfiguration config, TrafficWatchSettings settings, string source)
    {
        var analysis = settings.Analysis;
        analysis.SignaturesDirectory = config["Signatures:Directory"];
        analysis.AssetRegisterFile = config["Assets:File"];
        Bind(config, DeviceTableOptions.Section, analysis.Devices, source);
        Bind(config, EnrichmentOptions.Section, analysis.Enrichment, source);
        Bind(config, DestinationPolicyOptions.Section, analysis.DestinationPolicy, source);
        foreach (var (section, options) in analysis.Detectors.Sections())
        {
            Bind(config, section, options, source);
        }
        try
        {
            analysis.Zones = ZoneOptions.Bind(config);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationFileException(source, null, $"section 'Zones': {FirstLine(ex)}");
        }
        analysis.PassiveDns = settings.PassiveDns;
        analysis.InternalRanges = settings.Metrics.InternalRanges;
        if (bool.TryParse(config["Detection:Enabled"], out var enabled))
        {
            analysis.DetectionEnabled = enabled;
        }
    }

    private static void Bind(IConfiguration config, string section, object target, string source)
    {
        try
        {
            config.GetSection(section).Bind(target, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationFileException(source, null, $"section '{section}': {FirstLine(ex)}");
        }
    }

    private static string FirstLine(Exception ex)
    {
        var message = ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message;
        var nl = message.IndexOfAny(['\r', '\n']);
        return nl < 0 ? message : message[..nl];
    }

    private void Validate(string source)
    {
        void Require(bool ok, string what)
        {
            if (!ok)
            {
                throw new ConfigurationFileException(source, null, what);
            }
        }
        Require(Flows.MaxFlows >= 1_000, "Flows.MaxFlows must be at least 1000");
        Require(Flows.TcpNewTimeout > 0 && Flows.TcpEstablishedTimeout > 0 && Flows.TcpClosedTimeout >= 0
            && Flows.UdpNewTimeout > 0 && Flows.UdpEstablishedTimeout > 0 && Flows.IcmpNewTimeout > 0
            && Flows.IcmpEstablishedTimeout > 0 && Flows.OtherNewTimeout > 0 && Flows.OtherEstablishedTimeout > 0,
            "Flows timeouts must be positive numbers of seconds");
        Require(Flows.InterimSeconds >= 0, "Flows.InterimSeconds must be 0 (off) or positive");
        try
        {
            PassiveDns.Validate();
            Analysis.Detectors.Validate();
        }
        catch (ArgumentException ex)
        {
            Require(false, ex.Message);
        }
        foreach (var problem in Analysis.Zones.Validate().Concat(Analysis.Devices.Validate()))
        {
            Require(false, problem);
        }
        Require(Metrics.IntervalSeconds is >= 1 and <= 3600, "Metrics.IntervalSeconds must be between 1 and 3600");
        foreach (var range in Metrics.InternalRanges)
        {
            Require(Enrichment.AddressScope.TryParseCidr(range, out _, out _), $"Metrics.InternalRanges: '{range}' is not a CIDR range");
        }
        if (!string.IsNullOrWhiteSpace(Influx.Url))
        {
            foreach (var problem in Influx.Validate())
            {
                Require(false, problem);
            }
        }
        if (Email.Enabled)
        {
            foreach (var problem in Email.Validate())
            {
                Require(false, problem);
            }
        }
        Require(Pipeline.Threads is 1 or 2, "Pipeline.Threads must be 1 or 2");
        Require(Pipeline.QueueCapacity >= 1024 && (Pipeline.QueueCapacity & (Pipeline.QueueCapacity - 1)) == 0,
            "Pipeline.QueueCapacity must be a power of two, at least 1024");
    }
}
