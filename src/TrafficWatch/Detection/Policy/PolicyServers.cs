using TrafficWatch.Enrichment;

namespace TrafficWatch.Detection.Policy;

/// <summary>The DNS and NTP servers the council configures (<c>dns-servers:</c>, <c>ntp-servers:</c> in policy.yaml).</summary>
public sealed class PolicyServers(IReadOnlyList<IpNetwork> dns, IReadOnlyList<IpNetwork> ntp)
{
    public IReadOnlyList<IpNetwork> Dns { get; } = dns;

    public IReadOnlyList<IpNetwork> Ntp { get; } = ntp;

    public bool IsDns(in PolicyTarget target)
        => target.Port is 53 or 853 && target.Protocol is PortRange.Tcp or PortRange.Udp && Contains(Dns, target.Address);

    public bool IsNtp(in PolicyTarget target)
        => target.Port == 123 && target.Protocol == PortRange.Udp && Contains(Ntp, target.Address);

    private static bool Contains(IReadOnlyList<IpNetwork> networks, UInt128 address)
    {
        for (var i = 0; i < networks.Count; i++)
        {
            if (networks[i].Contains(address))
            {
                return true;
            }
        }
        return false;
    }
}
