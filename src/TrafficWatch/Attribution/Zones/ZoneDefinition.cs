namespace TrafficWatch.Attribution.Zones;

/// <summary>One named zone of the <c>Zones</c> configuration section: VLAN ids and/or CIDR ranges.</summary>
public sealed class ZoneDefinition
{
    /// <summary>Zone name shown on devices and flows, e.g. <c>cameras</c>. Letters, digits, '.', '_' and '-'.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>802.1Q ids (outer tag; 0 means untagged) whose devices belong to the zone.</summary>
    public List<int> Vlans { get; set; } = [];

    /// <summary>CIDR ranges (<c>10.10.0.0/16</c>, <c>2001:db8:10::/48</c>) whose addresses belong to the zone.</summary>
    public List<string> Cidrs { get; set; } = [];
}
