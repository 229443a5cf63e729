namespace TrafficWatch.Attribution.Devices;

/// <summary>
/// How an address came to be attributed to a device: the first way it was seen, except that a flow-learnt address
/// later claimed by ARP, NDP or DHCP takes that source (it is then known to be the device's own, not routed).
/// </summary>
public enum AddressSource
{
    /// <summary>Source address of a flow started by the device (never recorded for routers).</summary>
    Flow,

    /// <summary>ARP sender address.</summary>
    Arp,

    /// <summary>IPv6 neighbour discovery (solicitation/advertisement source or target).</summary>
    Ndp,

    /// <summary>DHCPv4 ACK (yiaddr) or a client's ciaddr.</summary>
    Dhcp,
}
