namespace TrafficWatch.Enrichment;

/// <summary>Plain-English names of <see cref="AddressKind"/> for alert explanations and reports.</summary>
public static class AddressKindText
{
    /// <summary>E.g. "a private (RFC 1918) address", "a public Internet address".</summary>
    public static string Describe(this AddressKind kind) => kind switch
    {
        AddressKind.Private => "a private (RFC 1918) address",
        AddressKind.Cgnat => "a carrier-grade NAT (100.64.0.0/10) address",
        AddressKind.Loopback => "a loopback address",
        AddressKind.LinkLocal => "a link-local address",
        AddressKind.Multicast => "a multicast address",
        AddressKind.Broadcast => "the broadcast address",
        AddressKind.Unspecified => "the unspecified address",
        AddressKind.UniqueLocal => "a unique local (fc00::/7) IPv6 address",
        AddressKind.Council => "one of the council's own ranges",
        _ => "a public Internet address",
    };
}
