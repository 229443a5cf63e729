using TrafficWatch.Attribution;
using TrafficWatch.Attribution.Devices;
using TrafficWatch.Attribution.Zones;
using TrafficWatch.Detection;
using TrafficWatch.Enrichment;

namespace TrafficWatch.Pipeline;

/// <summary>Everything that shapes attribution, enrichment and detection in a run (bound from configuration by the CLI).</summary>
public sealed class AnalysisOptions
{
    /// <summary>Signatures folder (vendors, classes, policy, suppressions, OUI registry); null = the one beside the program.</summary>
    public string? SignaturesDirectory { get; set; }

    /// <summary>The council's asset register (CSV: mac, ip, name, zone, site, owner, notes), or null.</summary>
    public string? AssetRegisterFile { get; set; }

    /// <summary>The council's own address ranges, internal in addition to RFC 1918 etc. (also policy.yaml's internal-ranges).</summary>
    public List<string> InternalRanges { get; set; } = [];

    public ZoneOptions Zones { get; set; } = new();
    public DeviceTableOptions Devices { get; set; } = new();
    public PassiveDnsOptions PassiveDns { get; set; } = new();
    public EnrichmentOptions Enrichment { get; set; } = new();
    public BehaviouralDetectorOptions Detectors { get; set; } = new();
    public DestinationPolicyOptions DestinationPolicy { get; set; } = new();

    /// <summary>Turn detection off entirely (inventory and metrics only).</summary>
    public bool DetectionEnabled { get; set; } = true;
}
