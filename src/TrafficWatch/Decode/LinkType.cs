namespace TrafficWatch.Decode;

/// <summary>The pcap LINKTYPE_ values the decoder understands (tcpdump.org/linktypes.html).</summary>
public enum LinkType : ushort
{
    Null = 0,           // BSD loopback: 4-byte host-order address family
    Ethernet = 1,
    Raw = 101,          // raw IPv4/IPv6, no link header
    LinuxSll = 113,     // Linux cooked capture v1
    Ipv4 = 228,
    Ipv6 = 229,
    LinuxSll2 = 276,    // Linux cooked capture v2
    /// <summary>DLT_RAW as some BSDs number it.</summary>
    RawBsd = 12,
    RawBsd14 = 14,
}
