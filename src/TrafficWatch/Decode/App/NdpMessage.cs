namespace TrafficWatch.Decode.App;

/// <summary>
/// An ICMPv6 neighbour-discovery message (RFC 4861): router solicitation (133) / advertisement (134), neighbour
/// solicitation (135) / advertisement (136). Tells which MAC owns which IPv6 address and which MACs are routers.
/// </summary>
public sealed record NdpMessage : IAppMessage
{
    public const byte RouterSolicitation = 133;
    public const byte RouterAdvertisement = 134;
    public const byte NeighborSolicitation = 135;
    public const byte NeighborAdvertisement = 136;

    public required byte Type { get; init; }
    /// <summary>IPv6 source address of the packet (the unspecified address :: during duplicate address detection).</summary>
    public required UInt128 SourceAddress { get; init; }
    /// <summary>The target address of a neighbour solicitation/advertisement (zero otherwise).</summary>
    public UInt128 TargetAddress { get; init; }
    /// <summary>Source or target link-layer address option, when present.</summary>
    public MacAddress? LinkLayerAddress { get; init; }
    /// <summary>A router advertisement, or a neighbour advertisement with the Router flag.</summary>
    public bool FromRouter { get; init; }
}
