namespace TrafficWatch.Decode;

/// <summary>Bounds the number of encapsulations one packet may open (GRE, ERSPAN, VXLAN, IP-in-IP, 6in4, MPLS).</summary>
internal static class Tunnel
{
    /// <summary>Deepest nesting decoded; a packet asking for more reports <see cref="DecodeEvent.TunnelTooDeep"/>.</summary>
    public const int MaxDepth = 4;

    /// <summary>Counts one more encapsulation; false when <see cref="MaxDepth"/> is already reached.</summary>
    public static bool TryEnter(ref PacketMeta meta)
    {
        if (meta.TunnelDepth >= MaxDepth)
        {
            return false;
        }
        meta.TunnelDepth++;
        return true;
    }
}
