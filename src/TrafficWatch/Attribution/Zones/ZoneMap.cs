using TrafficWatch.Enrichment;

namespace TrafficWatch.Attribution.Zones;

/// <summary>
/// Resolves a (VLAN, address) pair to a zone name. A zone bound to the VLAN wins; otherwise the zone with the
/// longest CIDR containing the address; otherwise null. Immutable, thread-safe, and lookups do not allocate.
/// </summary>
public sealed class ZoneMap
{
    private readonly Dictionary<ushort, string> _byVlan = [];
    private readonly (UInt128 Network, UInt128 Mask, string Zone)[] _ranges;

    /// <summary>Builds the map from validated options.</summary>
    /// <exception cref="ArgumentException">The options do not validate (the message lists every problem).</exception>
    public ZoneMap(ZoneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        }
        var ranges = new List<(UInt128, UInt128, string)>();
        foreach (var zone in options.Zones)
        {
            foreach (var vlan in zone.Vlans)
            {
                _byVlan.Add((ushort)vlan, zone.Name);
            }
            foreach (var cidr in zone.Cidrs)
            {
                AddressScope.TryParseCidr(cidr.Trim(), out var network, out var mask);
                ranges.Add((network, mask, zone.Name));
            }
        }
        // Longest prefix first (more mask bits = numerically larger mask), so the first hit is the most specific.
        _ranges = [.. ranges.OrderByDescending(static r => r.Item2)];
        Names = [.. options.Zones.Select(static z => z.Name)];
    }

    /// <summary>A map with no zones: everything resolves to null.</summary>
    public static ZoneMap Empty { get; } = new(new ZoneOptions());

    /// <summary>Zone names in configuration order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The zone of the VLAN alone, or null.</summary>
    public string? ResolveVlan(ushort vlan) => _byVlan.TryGetValue(vlan, out var zone) ? zone : null;

    /// <summary>The zone of a device or flow endpoint on <paramref name="vlan"/> with <paramref name="address"/>.</summary>
    public string? Resolve(ushort vlan, UInt128 address)
    {
        if (_byVlan.TryGetValue(vlan, out var zone))
        {
            return zone;
        }
        foreach (var (network, mask, name) in _ranges)
        {
            if ((address & mask) == network)
            {
                return name;
            }
        }
        return null;
    }
}
