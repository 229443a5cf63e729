namespace TrafficWatch.Enrichment;

/// <summary>Why an address is internal (or that it is public), as <see cref="AddressScope.Classify"/> tells it.</summary>
public enum AddressKind : byte
{
    /// <summary>A routable Internet address: external.</summary>
    Public,

    /// <summary>RFC 1918 private IPv4 (10/8, 172.16/12, 192.168/16).</summary>
    Private,

    /// <summary>RFC 6598 carrier-grade NAT space, 100.64/10.</summary>
    Cgnat,

    /// <summary>127/8 or ::1.</summary>
    Loopback,

    /// <summary>169.254/16 or fe80::/10.</summary>
    LinkLocal,

    /// <summary>224/4 or ff00::/8.</summary>
    Multicast,

    /// <summary>255.255.255.255.</summary>
    Broadcast,

    /// <summary>0.0.0.0 or :: (DHCP clients before they have an address).</summary>
    Unspecified,

    /// <summary>RFC 4193 unique local IPv6, fc00::/7.</summary>
    UniqueLocal,

    /// <summary>One of the council's own ranges given in configuration.</summary>
    Council,
}
