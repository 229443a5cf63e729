namespace TrafficWatch.Flows;

/// <summary>Identifies one fragmented IP datagram: (src, dst, protocol, fragment id, VLANs). Directional on purpose.</summary>
internal readonly struct FragmentKey : IEquatable<FragmentKey>
{
    public readonly UInt128 Src;
    public readonly UInt128 Dst;
    public readonly uint FragmentId;
    public readonly ushort OuterVlan;
    public readonly ushort InnerVlan;
    public readonly byte Protocol;

    public FragmentKey(UInt128 src, UInt128 dst, byte protocol, uint fragmentId, ushort outerVlan, ushort innerVlan)
    {
        Src = src;
        Dst = dst;
        Protocol = protocol;
        FragmentId = fragmentId;
        OuterVlan = outerVlan;
        InnerVlan = innerVlan;
    }

    public bool Equals(FragmentKey o)
        => Src == o.Src && Dst == o.Dst && FragmentId == o.FragmentId && OuterVlan == o.OuterVlan
           && InnerVlan == o.InnerVlan && Protocol == o.Protocol;

    public override bool Equals(object? obj) => obj is FragmentKey o && Equals(o);

    public override int GetHashCode() => HashCode.Combine(Src, Dst, FragmentId, ((uint)OuterVlan << 16) | InnerVlan, Protocol);
}
