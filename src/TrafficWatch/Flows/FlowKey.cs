using TrafficWatch.Decode;

namespace TrafficWatch.Flows;

/// <summary>
/// Direction-independent flow key (after Suricata's flow-hash.c): the same key is built from both
/// directions of a conversation. VLAN ids are part of the key. For ICMP the ports carry
/// (type, code) and identifier and are not swapped with the addresses.
/// </summary>
public readonly struct FlowKey : IEquatable<FlowKey>
{
    public readonly UInt128 LoAddr;
    public readonly UInt128 HiAddr;
    public readonly ushort LoPort;
    public readonly ushort HiPort;
    public readonly ushort OuterVlan;
    public readonly ushort InnerVlan;
    public readonly byte Protocol;

    public FlowKey(UInt128 src, ushort srcPort, UInt128 dst, ushort dstPort, byte protocol, ushort outerVlan, ushort innerVlan)
    {
        Protocol = protocol;
        OuterVlan = outerVlan;
        InnerVlan = innerVlan;
        if (IsIcmp(protocol))
        {
            // Ports are (type/code, id): direction-free already; order the addresses only.
            (LoAddr, HiAddr) = src <= dst ? (src, dst) : (dst, src);
            LoPort = srcPort;
            HiPort = dstPort;
            return;
        }
        var swap = src > dst || (src == dst && srcPort > dstPort);
        if (swap)
        {
            LoAddr = dst; LoPort = dstPort; HiAddr = src; HiPort = srcPort;
        }
        else
        {
            LoAddr = src; LoPort = srcPort; HiAddr = dst; HiPort = dstPort;
        }
    }

    public static FlowKey From(in PacketMeta meta)
        => new(meta.SrcAddr, meta.SrcPort, meta.DstAddr, meta.DstPort, meta.Protocol, meta.OuterVlan, meta.InnerVlan);

    /// <summary>True when the packet's source is the key's low endpoint.</summary>
    public bool IsLoSide(in PacketMeta meta)
        => meta.SrcAddr == LoAddr && (IsIcmp(Protocol) || meta.SrcPort == LoPort) && (meta.SrcAddr != HiAddr || meta.SrcPort == LoPort);

    public static bool IsIcmp(byte protocol) => protocol is 1 or 58;

    public bool Equals(FlowKey o)
        => LoAddr == o.LoAddr && HiAddr == o.HiAddr && LoPort == o.LoPort && HiPort == o.HiPort
           && OuterVlan == o.OuterVlan && InnerVlan == o.InnerVlan && Protocol == o.Protocol;

    public override bool Equals(object? obj) => obj is FlowKey o && Equals(o);

    public override int GetHashCode()
    {
        // HashCode is seeded per process (hash flooding resistance); ordering of the table never leaks into output.
        return HashCode.Combine(LoAddr, HiAddr, ((uint)LoPort << 16) | HiPort, ((uint)OuterVlan << 16) | InnerVlan, Protocol);
    }

    public static bool operator ==(FlowKey a, FlowKey b) => a.Equals(b);
    public static bool operator !=(FlowKey a, FlowKey b) => !a.Equals(b);

    public override string ToString()
        => $"{Protocol} {IpAddr.ToString(LoAddr)}:{LoPort} <-> {IpAddr.ToString(HiAddr)}:{HiPort} vlan {OuterVlan}/{InnerVlan}";
}
