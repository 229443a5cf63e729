namespace TrafficWatch.Detection;

/// <summary>Parameters of the <c>new-destination</c> detector (configuration section <c>Detection:NewDestination</c>).</summary>
public sealed class NewDestinationOptions
{
    public const string Section = "Detection:NewDestination";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Learning period per device class, in seconds of packet time from the first flow seen for the class: what
    /// the class uses in this time is normal. Default 86400 (24 h).
    /// </summary>
    public int LearningSeconds { get; set; } = 86_400;

    /// <summary>Judge restricted devices only (cameras, NVRs, sensors by default). Default true.</summary>
    public bool RestrictedOnly { get; set; } = true;

    /// <summary>Judge external destinations only. Default true.</summary>
    public bool ExternalOnly { get; set; } = true;

    /// <summary>Destinations remembered per class at most; the least recently used are forgotten first. Default 20,000.</summary>
    public int MaxDestinationsPerClass { get; set; } = 20_000;

    /// <summary>Devices remembered per class (for fleet prevalence) at most. Default 100,000.</summary>
    public int MaxDevicesPerClass { get; set; } = 100_000;

    /// <summary>Devices counted per destination at most (prevalence saturates there). Default 1,000.</summary>
    public int MaxDevicesPerDestination { get; set; } = 1_000;

    /// <summary>Device classes tracked at most. Default 64.</summary>
    public int MaxClasses { get; set; } = 64;

    /// <summary>Flows whose verdict is remembered at most. Default 100,000.</summary>
    public int MaxTrackedFlows { get; set; } = 100_000;

    /// <summary>
    /// Alerts of this rule per device per hour at most (a device sweeping many addresses yields a few alerts, the
    /// rest are counted as withheld). Default 10; 0 means no limit.
    /// </summary>
    public int MaxAlertsPerDevicePerHour { get; set; } = 10;

    public void Validate()
    {
        OptionChecks.Require(MaxAlertsPerDevicePerHour >= 0, Section, "MaxAlertsPerDevicePerHour must not be negative");
        OptionChecks.Require(LearningSeconds >= 0, Section, "LearningSeconds must not be negative");
        OptionChecks.Require(MaxDestinationsPerClass >= 16 && MaxDevicesPerClass >= 16 && MaxDevicesPerDestination >= 1
            && MaxClasses >= 1 && MaxTrackedFlows >= 16, Section, "the Max* bounds are too small");
    }
}
