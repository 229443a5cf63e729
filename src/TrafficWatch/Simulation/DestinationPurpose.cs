namespace TrafficWatch.Simulation;

/// <summary>Why a <see cref="SimulatedDestination"/> exists.</summary>
public enum DestinationPurpose
{
    /// <summary>Upstream resolver the internal DNS resolver (10.0.0.53) forwards to. Allowed.</summary>
    DnsUpstream,

    /// <summary>Upstream time source of the internal NTP server (10.0.0.123). Allowed.</summary>
    NtpUpstream,

    /// <summary>Web/SaaS site office PCs browse over HTTPS. Allowed from the office LAN only.</summary>
    OfficeWeb,

    /// <summary>A camera vendor's cloud (scenario <c>vendor-cloud</c>).</summary>
    VendorCloud,

    /// <summary>An address contacted with no DNS lookup (scenario <c>direct-ip</c>).</summary>
    DirectIp,

    /// <summary>Command-and-control style beacon target (scenario <c>beaconing</c>).</summary>
    Beacon,

    /// <summary>Authoritative server of the tunnelling domain (scenario <c>dns-tunnel</c>); reached only via the resolver.</summary>
    DnsTunnel,

    /// <summary>Target of periodic small uploads (scenario <c>slow-drip</c>).</summary>
    SlowDrip,

    /// <summary>Telnet server (scenario <c>cleartext-mgmt</c>).</summary>
    CleartextManagement,
}
