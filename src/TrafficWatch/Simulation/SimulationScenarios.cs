namespace TrafficWatch.Simulation;

/// <summary>
/// Scenario names accepted by <see cref="SimulationOptions.Scenario"/>. Every scenario contains the normal day; the
/// violation scenarios add exactly one violation, whose rule name equals the scenario name.
/// </summary>
/// <remarks>
/// <para><b>A normal day</b> (<see cref="Normal"/>): cameras on VLAN 10 only talk internal (RTSP/RTP to the NVR,
/// DNS to the resolver 10.0.0.53, NTP to 10.0.0.123, DHCP, ARP). IoT sensors on VLAN 20 only talk internal (MQTT
/// 1883/8883 to the broker 10.20.0.10, CoAP to 10.20.0.11, DNS, NTP, DHCP, ARP). Office PCs on the untagged LAN do
/// DHCP, DNS and HTTPS to the intranet and to a few well-known sites (<see cref="DestinationPurpose.OfficeWeb"/>).
/// The only external talkers are therefore the resolver (to its upstream), the NTP server (to its upstream) and
/// office PCs (to office web sites; off with <see cref="SimulationOptions.OfficeInternet"/>): nothing on VLAN 10 or 20
/// ever reaches an external address.</para>
/// </remarks>
public static class SimulationScenarios
{
    /// <summary>A normal day; nothing should alert.</summary>
    public const string Normal = "normal";

    /// <summary>A normal day plus every violation below.</summary>
    public const string Default = "default";

    /// <summary>A Hikvision camera resolves a <c>hik-connect.com</c> name and uploads hundreds of KB over TLS (SNI set) to 47.88.x.x.</summary>
    public const string VendorCloud = "vendor-cloud";

    /// <summary>A Dahua camera opens TCP to an external address (203.0.113.45:37777) with no DNS lookup before it.</summary>
    public const string DirectIp = "direct-ip";

    /// <summary>An ESP-based (Tuya-style) sensor connects every 60 s ± 1 s to one external address with a small constant-size exchange.</summary>
    public const string Beaconing = "beaconing";

    /// <summary>An IoT device sends many TXT queries with long high-entropy labels under one domain.</summary>
    public const string DnsTunnel = "dns-tunnel";

    /// <summary>A Raspberry Pi appears on the camera VLAN, does DHCP and ARPs around.</summary>
    public const string RogueDevice = "rogue-device";

    /// <summary>A camera sends small TLS uploads to one external address every few minutes.</summary>
    public const string SlowDrip = "slow-drip";

    /// <summary>A camera opens a telnet session (TCP 23) to an external address; credentials in clear.</summary>
    public const string CleartextManagement = "cleartext-mgmt";

    /// <summary>The violation rules, in the order the <c>default</c> scenario schedules them.</summary>
    public static IReadOnlyList<string> Violations { get; } =
        [VendorCloud, DirectIp, Beaconing, DnsTunnel, RogueDevice, SlowDrip, CleartextManagement];

    /// <summary>Every scenario name.</summary>
    public static IReadOnlyList<string> All { get; } = [Normal, Default, .. Violations];

    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);

    /// <summary>The violation rules a scenario injects.</summary>
    public static IReadOnlyList<string> ViolationsOf(string scenario) => scenario switch
    {
        Normal => [],
        Default => Violations,
        _ when IsKnown(scenario) => [scenario],
        _ => throw new ArgumentException($"Unknown scenario '{scenario}'", nameof(scenario)),
    };
}
