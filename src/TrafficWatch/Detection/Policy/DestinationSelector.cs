using System.Globalization;
using TrafficWatch.Enrichment;

namespace TrafficWatch.Detection.Policy;

/// <summary>
/// One destination in a rule's <c>to:</c> list: <c>any</c>, <c>internal</c>, <c>external</c>, <c>dns-servers</c>, <c>ntp-servers</c>,
/// a CIDR or address, a domain pattern, <c>country:CN</c> or <c>AS15169</c>.
/// </summary>
public sealed class DestinationSelector
{
    private DestinationSelector(SelectorKind kind, IpNetwork network = default, DomainPattern? domain = null, string? country = null, uint asn = 0)
    {
        Kind = kind;
        Network = network;
        Domain = domain;
        Country = country;
        Asn = asn;
    }

    public static DestinationSelector Any { get; } = new(SelectorKind.Any);

    public static DestinationSelector Internal { get; } = new(SelectorKind.Internal);

    public static DestinationSelector External { get; } = new(SelectorKind.External);

    public static DestinationSelector DnsServers { get; } = new(SelectorKind.DnsServers);

    public static DestinationSelector NtpServers { get; } = new(SelectorKind.NtpServers);

    public SelectorKind Kind { get; }

    public IpNetwork Network { get; }

    public DomainPattern? Domain { get; }

    public string? Country { get; }

    public uint Asn { get; }

    public static DestinationSelector ForNetwork(IpNetwork network) => new(SelectorKind.Network, network: network);

    public static DestinationSelector ForDomain(DomainPattern domain) => new(SelectorKind.Domain, domain: domain);

    public static DestinationSelector ForCountry(string isoCode) => new(SelectorKind.Country, country: isoCode);

    public static DestinationSelector ForAsn(uint asn) => new(SelectorKind.Asn, asn: asn);

    public bool Matches(in PolicyTarget target, PolicyServers servers) => Kind switch
    {
        SelectorKind.Any => true,
        SelectorKind.Internal => target.IsInternal,
        SelectorKind.External => !target.IsInternal,
        SelectorKind.Network => Network.Contains(target.Address),
        SelectorKind.Domain => target.Name is { } name && Domain!.Matches(name),
        SelectorKind.Country => string.Equals(target.Country, Country, StringComparison.OrdinalIgnoreCase),
        SelectorKind.Asn => target.Asn == Asn,
        SelectorKind.DnsServers => servers.IsDns(in target),
        SelectorKind.NtpServers => servers.IsNtp(in target),
        _ => false,
    };

    /// <summary>Plain English for generated reasons, e.g. "internal addresses", "*.example.com", "AS15169".</summary>
    public string Describe() => Kind switch
    {
        SelectorKind.Any => "anywhere",
        SelectorKind.Internal => "internal addresses",
        SelectorKind.External => "Internet addresses",
        SelectorKind.Network => Network.ToString(),
        SelectorKind.Domain => Domain!.ToString(),
        SelectorKind.Country => "country " + Country,
        SelectorKind.Asn => "AS" + Asn.ToString(CultureInfo.InvariantCulture),
        SelectorKind.DnsServers => "the council's DNS servers",
        SelectorKind.NtpServers => "the council's NTP servers",
        _ => "?",
    };

    public override string ToString() => Describe();
}
