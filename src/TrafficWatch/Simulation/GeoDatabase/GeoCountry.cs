namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>A country as MaxMind's databases describe it (GeoNames ids and English names).</summary>
/// <param name="IsoCode">ISO 3166-1 alpha-2 code.</param>
/// <param name="GeoNameId">GeoNames id of the country.</param>
/// <param name="EnglishName">English name, as in GeoLite2's <c>names.en</c>.</param>
/// <param name="ContinentCode">Two-letter continent code (AF, AN, AS, EU, NA, OC, SA).</param>
/// <param name="IsInEuropeanUnion">Member of the EU.</param>
public sealed record GeoCountry(string IsoCode, uint GeoNameId, string EnglishName, string ContinentCode, bool IsInEuropeanUnion = false);
