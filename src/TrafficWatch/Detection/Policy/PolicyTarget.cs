using TrafficWatch.Enrichment;

namespace TrafficWatch.Detection.Policy;

/// <summary>The destination of a flow (its responder side), with what enrichment knows about it.</summary>
/// <param name="Address">IPv4-mapped for IPv4 (see Decode.IpAddr).</param>
/// <param name="Port">Responder port (0 for ICMP and port-less protocols).</param>
/// <param name="Protocol">IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6).</param>
/// <param name="Name">Name from DNS/SNI/HTTP (hostile text: only compared, never trusted), or null.</param>
/// <param name="Country">ISO 3166-1 alpha-2 from GeoIP, or null.</param>
/// <param name="Asn">AS number from GeoIP, or null.</param>
/// <param name="IsInternal">True when Enrichment.AddressScope says the address is internal.</param>
public readonly record struct PolicyTarget(UInt128 Address, ushort Port, byte Protocol, string? Name, string? Country, uint? Asn, bool IsInternal)
{
    /// <summary>
    /// A target enriched the standard way: internal per <paramref name="scope"/>; country and ASN from
    /// <paramref name="geo"/> for external addresses only (internal ones are never looked up). Allocation-free on a
    /// GeoIP cache hit.
    /// </summary>
    public static PolicyTarget Create(UInt128 address, ushort port, byte protocol, string? name, AddressScope scope, GeoIpDatabases geo)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(geo);
        if (scope.IsInternal(address))
        {
            return new PolicyTarget(address, port, protocol, name, null, null, true);
        }
        var found = geo.Lookup(address);
        return new PolicyTarget(address, port, protocol, name, found.Country, found.Asn, false);
    }
}
