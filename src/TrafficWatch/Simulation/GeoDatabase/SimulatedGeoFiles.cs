namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>The GeoIP databases written beside a simulated capture.</summary>
/// <param name="CountryPath">The <c>GeoLite2-Country</c>-typed file (<c>NAME.country.mmdb</c>).</param>
/// <param name="AsnPath">The <c>GeoLite2-ASN</c>-typed file (<c>NAME.asn.mmdb</c>).</param>
/// <param name="Networks">Networks in each file (one host route per simulated destination).</param>
public sealed record SimulatedGeoFiles(string CountryPath, string AsnPath, int Networks);
