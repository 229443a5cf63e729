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

    // Seeded per process (hash flooding resistance, like Suricata's flow hash); table order never reaches output.
    private static readonly ulong s_seed = (ulong)Random.Shared.NextInt64() | 1;

    public override int GetHashCode()
    {
        // Multiply-rotate over the key's five 64-bit words: a few cycles, against ~20 for HashCode.Combine of UInt128s.
        const ulong k = 0x9E3779B97F4A7C15UL;
        var h = s_seed;
        h = System.Numerics.BitOperations.RotateLeft((h ^ (ulong)LoAddr) * k, 29);
        h = System.Numerics.BitOperations.RotateLeft((h ^ (ulong)(LoAddr >> 64)) * k, 29);
        h = System.Numerics.BitOperations.RotateLeft((h ^ (ulong)HiAddr) * k, 29);
        h = System.Numerics.BitOperations.RotateLeft((h ^ (ulong)(HiAddr >> 64)) * k, 29);
        h = (h ^ (((ulong)LoPort << 48) | ((ulong)HiPort << 32) | ((ulong)OuterVlan << 20) | ((ulong)InnerVlan << 8) | Protocol)) * k;
        h ^= h >> 32;
        return (int)h;
    }

    public static bool operator ==(FlowKey a, FlowKey b) => a.Equals(b);
    public static bool operator !=(FlowKey a, FlowKey b) => !a.Equals(b);

    public override string ToString()
        => $"{Protocol} {IpAddr.ToString(LoAddr)}:{LoPort} <-> {IpAddr.ToString(HiAddr)}:{HiPort} vlan {OuterVlan}/{InnerVlan}";
}
