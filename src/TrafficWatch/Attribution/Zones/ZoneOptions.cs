using Microsoft.Extensions.Configuration;
using TrafficWatch.Enrichment;

namespace TrafficWatch.Attribution.Zones;

/// <summary>
/// The <c>Zones</c> configuration: a list of <see cref="ZoneDefinition"/>, e.g. in JSON
/// <c>"Zones": [ { "Name": "cameras", "Vlans": [10] }, { "Name": "iot", "Vlans": [20], "Cidrs": ["10.20.0.0/16"] } ]</c>
/// or as environment variables <c>Zones__0__Name=cameras</c>, <c>Zones__0__Vlans__0=10</c>.
/// </summary>
public sealed class ZoneOptions
{
    public const string Section = "Zones";

    public List<ZoneDefinition> Zones { get; set; } = [];

    /// <summary>Binds the <c>Zones</c> section (a list) of <paramref name="configuration"/>; empty when absent.</summary>
    public static ZoneOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ZoneOptions { Zones = configuration.GetSection(Section).Get<List<ZoneDefinition>>() ?? [] };
    }

    /// <summary>
    /// Checks the zones; one line per problem (empty when valid). Names must be unique (ignoring case) and
    /// well-formed; each zone needs a VLAN or a CIDR; VLAN ids are 0-4094; a VLAN or an identical CIDR may
    /// belong to one zone only (overlapping CIDRs are fine: the longest prefix wins).
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var vlans = new Dictionary<int, string>();
        var cidrs = new Dictionary<(UInt128, UInt128), string>();
        for (var i = 0; i < Zones.Count; i++)
        {
            var zone = Zones[i];
            var at = $"{Section}:{i}";
            if (zone is null)
            {
                errors.Add($"{at}: empty zone entry.");
                continue;
            }
            if (!IsValidName(zone.Name))
            {
                errors.Add($"{at}:Name '{zone.Name}' must be 1-64 letters, digits, '.', '_' or '-'.");
            }
            else if (!names.TryAdd(zone.Name, i))
            {
                errors.Add($"{at}:Name '{zone.Name}' is already used by {Section}:{names[zone.Name]}.");
            }
            if ((zone.Vlans?.Count ?? 0) == 0 && (zone.Cidrs?.Count ?? 0) == 0)
            {
                errors.Add($"{at}: zone '{zone.Name}' needs at least one VLAN or CIDR.");
            }
            foreach (var vlan in zone.Vlans ?? [])
            {
                if (vlan is < 0 or > 4094)
                {
                    errors.Add($"{at}:Vlans: {vlan} is not a VLAN id (0-4094).");
                }
                else if (!vlans.TryAdd(vlan, zone.Name))
                {
                    errors.Add($"{at}:Vlans: VLAN {vlan} already belongs to zone '{vlans[vlan]}'.");
                }
            }
            foreach (var cidr in zone.Cidrs ?? [])
            {
                if (cidr is null || !AddressScope.TryParseCidr(cidr.Trim(), out var network, out var mask))
                {
                    errors.Add($"{at}:Cidrs: '{cidr}' is not a CIDR range like 10.20.0.0/16 or 2001:db8::/48.");
                }
                else if (!cidrs.TryAdd((network, mask), zone.Name))
                {
                    errors.Add($"{at}:Cidrs: {cidr} already belongs to zone '{cidrs[(network, mask)]}'.");
                }
            }
        }
        return errors;
    }

    internal static bool IsValidName(string? name)
        => !string.IsNullOrEmpty(name) && name.Length <= 64
            && name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
