namespace TrafficWatch.Attribution.Devices;

/// <summary>The <see cref="ClassEvidence.Kind"/> values: which observation a class claim rests on.</summary>
public static class EvidenceKinds
{
    /// <summary>The IEEE registry owner of the MAC block and the class hints of that vendor in vendors.yaml.</summary>
    public const string Vendor = "vendor";

    /// <summary>DHCPv4 option 60 / DHCPv6 option 16.</summary>
    public const string DhcpVendorClass = "dhcp-vendor-class";

    /// <summary>A port the device answers on (or was contacted on).</summary>
    public const string Service = "service";

    /// <summary>A DHCP/mDNS name.</summary>
    public const string Name = "name";

    /// <summary>An SSDP/UPnP device or service type, or SERVER header.</summary>
    public const string Ssdp = "ssdp";

    /// <summary>An mDNS/DNS-SD service type the device announces.</summary>
    public const string Mdns = "mdns";

    /// <summary>An HTTP User-Agent the device sent in clear text.</summary>
    public const string UserAgent = "user-agent";

    /// <summary>The MAC routes traffic (external or many internal source addresses, router advertisements).</summary>
    public const string Router = "router";
}
