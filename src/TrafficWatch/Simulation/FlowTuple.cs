namespace TrafficWatch.Simulation;

/// <summary>Direction-independent 5-tuple plus VLAN, used only to count distinct UDP flows.</summary>
internal readonly record struct FlowTuple(uint LoAddress, uint HiAddress, ushort LoPort, ushort HiPort, byte Protocol, ushort Vlan)
{
    public static FlowTuple Create(uint a, ushort pa, uint b, ushort pb, byte protocol, ushort vlan)
        => a < b || (a == b && pa <= pb) ? new(a, b, pa, pb, protocol, vlan) : new(b, a, pb, pa, protocol, vlan);
}
