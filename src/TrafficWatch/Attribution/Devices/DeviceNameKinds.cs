namespace TrafficWatch.Attribution.Devices;

/// <summary>The <see cref="DeviceName.Kind"/> values.</summary>
public static class DeviceNameKinds
{
    /// <summary>DHCPv4 option 12.</summary>
    public const string DhcpHostname = "dhcp-hostname";

    /// <summary>DHCPv4 option 81.</summary>
    public const string DhcpFqdn = "dhcp-fqdn";

    /// <summary>DHCPv6 option 39.</summary>
    public const string Dhcpv6Fqdn = "dhcpv6-fqdn";

    /// <summary>mDNS host name (owner of an A/AAAA record or target of an SRV record), e.g. <c>cam-3.local</c>.</summary>
    public const string MdnsHost = "mdns-host";

    /// <summary>mDNS service instance name, e.g. <c>Front Door</c> of <c>Front Door._rtsp._tcp.local</c>.</summary>
    public const string MdnsInstance = "mdns-instance";
}
