namespace TrafficWatch.Detection.Policy;

/// <summary>What a <see cref="DestinationSelector"/> matches on.</summary>
public enum SelectorKind : byte
{
    /// <summary><c>any</c>: every destination.</summary>
    Any,

    /// <summary><c>internal</c>: internal addresses (RFC 1918, CGNAT, link-local, ULA, multicast, the council's ranges).</summary>
    Internal,

    /// <summary><c>external</c>: every address that is not internal (the Internet).</summary>
    External,

    /// <summary>A CIDR range or single address.</summary>
    Network,

    /// <summary>A domain pattern (<c>example.com</c> or <c>*.example.com</c>).</summary>
    Domain,

    /// <summary><c>country:CN</c>.</summary>
    Country,

    /// <summary><c>AS15169</c> or <c>asn:15169</c>.</summary>
    Asn,

    /// <summary><c>dns-servers</c>: the policy's DNS servers on port 53 or 853 (TCP/UDP).</summary>
    DnsServers,

    /// <summary><c>ntp-servers</c>: the policy's NTP servers on UDP 123.</summary>
    NtpServers,
}
