namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>A continent as MaxMind's databases describe it.</summary>
/// <param name="Code">Two-letter code (AF, AN, AS, EU, NA, OC, SA).</param>
/// <param name="GeoNameId">GeoNames id.</param>
/// <param name="EnglishName">English name.</param>
public sealed record GeoContinent(string Code, uint GeoNameId, string EnglishName);
