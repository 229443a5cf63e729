using System.Diagnostics.CodeAnalysis;

namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>
/// The countries and continents the simulator's GeoIP database can name, with the GeoNames ids and English names
/// MaxMind uses (checked against MaxMind's test-database sources by the tests). A code not listed still gets a
/// record with its ISO code, but without an id or a name other than the code.
/// </summary>
public static class GeoCountries
{
    private static readonly Dictionary<string, GeoContinent> s_continents = new GeoContinent[]
    {
        new("AF", 6255146, "Africa"),
        new("AS", 6255147, "Asia"),
        new("EU", 6255148, "Europe"),
        new("NA", 6255149, "North America"),
        new("SA", 6255150, "South America"),
        new("OC", 6255151, "Oceania"),
        new("AN", 6255152, "Antarctica"),
    }.ToDictionary(c => c.Code, StringComparer.Ordinal);

    private static readonly Dictionary<string, GeoCountry> s_countries = new GeoCountry[]
    {
        new("AE", 290557, "United Arab Emirates", "AS"),
        new("AT", 2782113, "Austria", "EU", true),
        new("AU", 2077456, "Australia", "OC"),
        new("BE", 2802361, "Belgium", "EU", true),
        new("BR", 3469034, "Brazil", "SA"),
        new("CA", 6251999, "Canada", "NA"),
        new("CH", 2658434, "Switzerland", "EU"),
        new("CN", 1814991, "China", "AS"),
        new("CZ", 3077311, "Czech Republic", "EU", true),
        new("DE", 2921044, "Germany", "EU", true),
        new("DK", 2623032, "Denmark", "EU", true),
        new("ES", 2510769, "Spain", "EU", true),
        new("FI", 660013, "Finland", "EU", true),
        new("FR", 3017382, "France", "EU", true),
        new("GB", 2635167, "United Kingdom", "EU"),
        new("HK", 1819730, "Hong Kong", "AS"),
        new("IE", 2963597, "Ireland", "EU", true),
        new("IL", 294640, "Israel", "AS"),
        new("IN", 1269750, "India", "AS"),
        new("IR", 130758, "Iran", "AS"),
        new("IT", 3175395, "Italy", "EU", true),
        new("JP", 1861060, "Japan", "AS"),
        new("KR", 1835841, "South Korea", "AS"),
        new("NL", 2750405, "Netherlands", "EU", true),
        new("NO", 3144096, "Norway", "EU"),
        new("PL", 798544, "Poland", "EU", true),
        new("RO", 798549, "Romania", "EU", true),
        new("RU", 2017370, "Russia", "EU"),
        new("SE", 2661886, "Sweden", "EU", true),
        new("SG", 1880251, "Singapore", "AS"),
        new("TR", 298795, "Turkey", "AS"),
        new("TW", 1668284, "Taiwan", "AS"),
        new("UA", 690791, "Ukraine", "EU"),
        new("US", 6252001, "United States", "NA"),
    }.ToDictionary(c => c.IsoCode, StringComparer.Ordinal);

    /// <summary>Every country with full details, by ISO code.</summary>
    public static IReadOnlyCollection<GeoCountry> Known => s_countries.Values;

    public static bool TryGet(string isoCode, [MaybeNullWhen(false)] out GeoCountry country)
    {
        ArgumentNullException.ThrowIfNull(isoCode);
        return s_countries.TryGetValue(isoCode, out country);
    }

    public static bool TryGetContinent(string code, [MaybeNullWhen(false)] out GeoContinent continent)
    {
        ArgumentNullException.ThrowIfNull(code);
        return s_continents.TryGetValue(code, out continent);
    }
}
