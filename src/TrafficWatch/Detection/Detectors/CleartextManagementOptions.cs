namespace TrafficWatch.Detection;

/// <summary>Parameters of the <c>cleartext-management</c> detector (configuration section <c>Detection:CleartextManagement</c>).</summary>
public sealed class CleartextManagementOptions
{
    public const string Section = "Detection:CleartextManagement";

    public bool Enabled { get; set; } = true;

    /// <summary>TCP destination ports of unencrypted login protocols. Default 23 (telnet) and 21 (FTP). Configuration replaces the list.</summary>
    /// <remarks>Unset means the default; a configured list replaces it (the configuration binder would append to a non-empty default).</remarks>
    public int[]? TcpPorts { get; set; }

    internal int[] EffectiveTcpPorts => TcpPorts ?? [23, 21];

    /// <summary>Also alert on HTTP requests carrying Basic credentials (a password in clear text). Default true.</summary>
    public bool HttpBasicAuth { get; set; } = true;

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
        OptionChecks.RequirePorts(EffectiveTcpPorts, Section, nameof(TcpPorts));
        OptionChecks.Require(MaxTrackedFlows >= 16, Section, "MaxTrackedFlows must be at least 16");
    }
}
