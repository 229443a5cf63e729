namespace TrafficWatch.Flows;

/// <summary>
/// Deterministic flow ids: a splitmix64 chain over the key fields and the start time, masked to 52 bits
/// (exact in JSON doubles) and never 0. The same flow gets the same id in every run and on every machine
/// (unlike <see cref="FlowKey.GetHashCode"/>, which is seeded per process).
/// </summary>
internal static class FlowIdGenerator
{
    private const ulong Mask52 = (1UL << 52) - 1;

    public static long Compute(in FlowKey key, long startNs)
    {
        var h = Mix(0x5457_466C_6F77_4964UL ^ (ulong)startNs);     // "TWFlowId"
        h = Mix(h ^ (ulong)key.LoAddr);
        h = Mix(h ^ (ulong)(key.LoAddr >> 64));
        h = Mix(h ^ (ulong)key.HiAddr);
        h = Mix(h ^ (ulong)(key.HiAddr >> 64));
        h = Mix(h ^ ((ulong)key.LoPort << 48 | (ulong)key.HiPort << 32 | (ulong)key.OuterVlan << 16 | key.InnerVlan));
        h = Mix(h ^ key.Protocol);
        var id = (long)(h & Mask52);
        return id == 0 ? 1 : id;
    }

    /// <summary>splitmix64 finaliser (Steele, Lea, Flood 2014).</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
