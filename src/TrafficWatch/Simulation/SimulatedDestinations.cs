using System.Net;

namespace TrafficWatch.Simulation;

/// <summary>The fixed list of external destinations the simulator uses (the same for every seed).</summary>
public static class SimulatedDestinations
{
    public static SimulatedDestination DnsUpstream { get; } =
        new(IPAddress.Parse("9.9.9.9"), "dns.quad9.net", "CH", 19281, "Quad9", DestinationPurpose.DnsUpstream);

    public static SimulatedDestination NtpUpstream { get; } =
        new(IPAddress.Parse("162.159.200.1"), "time.cloudflare.com", "US", 13335, "Cloudflare, Inc.", DestinationPurpose.NtpUpstream);

    public static SimulatedDestination HikConnect { get; } =
        new(IPAddress.Parse("47.88.59.64"), "litedev.hik-connect.com", "US", 45102, "Alibaba (US) Technology Co., Ltd.",
            DestinationPurpose.VendorCloud, "litedev-hikconnect.gslb.aliyuncs.com");

    public static SimulatedDestination DahuaP2p { get; } =
        new(IPAddress.Parse("203.0.113.45"), "p2p-relay.dahua.example", "CN", 64496, "Simulated Dahua P2P relay (documentation range)",
            DestinationPurpose.DirectIp);

    public static SimulatedDestination TuyaBeacon { get; } =
        new(IPAddress.Parse("198.51.100.77"), "m2.tuyacn.example", "CN", 64497, "Simulated Tuya-style IoT cloud (documentation range)",
            DestinationPurpose.Beacon);

    public static SimulatedDestination TunnelNameServer { get; } =
        new(IPAddress.Parse("198.51.100.53"), "ns1.exfil-relay.example", "RU", 64498, "Simulated tunnelling name server (documentation range)",
            DestinationPurpose.DnsTunnel);

    public static SimulatedDestination DripCollector { get; } =
        new(IPAddress.Parse("198.51.100.30"), "sync.cam-telemetry.example", "RU", 64498, "Simulated telemetry collector (documentation range)",
            DestinationPurpose.SlowDrip);

    public static SimulatedDestination TelnetServer { get; } =
        new(IPAddress.Parse("203.0.113.23"), "support.installer-remote.example", "HK", 64499, "Simulated installer remote support (documentation range)",
            DestinationPurpose.CleartextManagement);

    /// <summary>Web sites office PCs browse on a normal day.</summary>
    public static IReadOnlyList<SimulatedDestination> OfficeWeb { get; } =
    [
        new(IPAddress.Parse("20.190.159.2"), "login.microsoftonline.com", "IE", 8075, "Microsoft Corporation",
            DestinationPurpose.OfficeWeb, "www.tm.ak.prd.aadg.trafficmanager.net"),
        new(IPAddress.Parse("52.97.146.162"), "outlook.office365.com", "GB", 8075, "Microsoft Corporation",
            DestinationPurpose.OfficeWeb, "outlook.ms-acdc.office.com"),
        new(IPAddress.Parse("151.101.0.144"), "www.gov.uk", "US", 54113, "Fastly, Inc.",
            DestinationPurpose.OfficeWeb, "www-gov-uk.map.fastly.net"),
        new(IPAddress.Parse("151.101.64.81"), "www.bbc.co.uk", "US", 54113, "Fastly, Inc.",
            DestinationPurpose.OfficeWeb, "bbc.map.fastly.net"),
        new(IPAddress.Parse("142.250.187.238"), "www.google.com", "US", 15169, "Google LLC", DestinationPurpose.OfficeWeb),
    ];

    /// <summary>Every external destination, allowed ones first.</summary>
    public static IReadOnlyList<SimulatedDestination> All { get; } =
    [
        DnsUpstream, NtpUpstream, .. OfficeWeb,
        HikConnect, DahuaP2p, TuyaBeacon, TunnelNameServer, DripCollector, TelnetServer,
    ];

    /// <summary>Base domain under which the <c>dns-tunnel</c> scenario encodes its labels.</summary>
    public const string TunnelDomain = "exfil-relay.example";
}
