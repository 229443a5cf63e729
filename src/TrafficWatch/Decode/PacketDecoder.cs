namespace TrafficWatch.Decode;

/// <summary>Entry point of the decode stage: one frame in, <see cref="PacketMeta"/> filled, one event out.</summary>
public static class PacketDecoder
{
    /// <summary>
    /// Decodes a frame of the given link type into <paramref name="meta"/>. Never throws; returns
    /// <see cref="DecodeEvent.None"/> or what was found wrong. Allocates nothing.
    /// </summary>
    public static DecodeEvent Decode(LinkType linkType, ReadOnlySpan<byte> frame, ref PacketMeta meta)
        => throw new NotImplementedException();
}
