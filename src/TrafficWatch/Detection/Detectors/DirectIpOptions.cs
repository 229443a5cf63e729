namespace TrafficWatch.Detection;

/// <summary>Parameters of the <c>direct-ip</c> detector (configuration section <c>Detection:DirectIp</c>).</summary>
public sealed class DirectIpOptions
{
    public const string Section = "Detection:DirectIp";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Destination ports never judged: resolvers and time servers are addressed by IP by design (the policy rule
    /// <c>unapproved-destination</c> judges which ones are allowed). Default 53 (DNS) and 123 (NTP).
    /// Configuration replaces the list.
    /// </summary>
    /// <remarks>Unset means the default; a configured list replaces it (the configuration binder would append to a non-empty default).</remarks>
    public int[]? IgnoredPorts { get; set; }

    internal int[] EffectiveIgnoredPorts => IgnoredPorts ?? [53, 123];

    /// <summary>IP protocols judged. Default 6 (TCP) and 17 (UDP): pings to an address are connectivity checks.</summary>
    /// <remarks>Unset means the default; a configured list replaces it (the configuration binder would append to a non-empty default).</remarks>
    public int[]? Protocols { get; set; }

    internal int[] EffectiveProtocols => Protocols ?? [6, 17];

    /// <summary>Flows whose verdict is remembered at most (so one flow is judged once). Default 100,000.</summary>
    public int MaxTrackedFlows { get; set; } = 100_000;

    /// <summary>
    /// Alerts of this rule per device per hour at most (a device sweeping many addresses yields a few alerts, the
    /// rest are counted as withheld). Default 10; 0 means no limit.
    /// </summary>
    public int MaxAlertsPerDevicePerHour { get; set; } = 10;

    public void Validate()
    {
        OptionChecks.Require(MaxAlertsPerDevicePerHour >= 0, Section, "MaxAlertsPerDevicePerHour must not be negative");
        OptionChecks.RequirePorts(EffectiveIgnoredPorts, Section, nameof(IgnoredPorts));
        OptionChecks.Require(EffectiveProtocols.All(static p => p is >= 0 and <= 255), Section, "Protocols must hold IP protocol numbers 0-255");
        OptionChecks.Require(MaxTrackedFlows >= 16, Section, "MaxTrackedFlows must be at least 16");
    }
}
