using System.Net;

namespace TrafficWatch.Simulation;

/// <summary>
/// An external (non-RFC 1918) address the simulator can talk to, with the geography a test GeoIP/ASN database
/// should give it. Documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) carry documentation ASNs
/// (64496-64511); real provider ranges carry the provider's real ASN.
/// </summary>
/// <param name="Address">The address.</param>
/// <param name="Name">DNS name that resolves to it (the last name of any CNAME chain is <paramref name="CanonicalName"/>).</param>
/// <param name="CountryIsoCode">ISO 3166-1 alpha-2 country the address should geolocate to.</param>
/// <param name="Asn">Autonomous system number.</param>
/// <param name="Organisation">AS organisation.</param>
/// <param name="Purpose">Why the simulator uses it; <see cref="DestinationPurpose"/>.</param>
/// <param name="CanonicalName">Target of a CNAME answered for <paramref name="Name"/>, or null for a plain A record.</param>
public sealed record SimulatedDestination(
    IPAddress Address,
    string Name,
    string CountryIsoCode,
    int Asn,
    string Organisation,
    DestinationPurpose Purpose,
    string? CanonicalName = null);
