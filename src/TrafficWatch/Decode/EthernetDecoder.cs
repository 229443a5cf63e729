using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// Ethernet II (and 802.3 length-field frames, which are never IP). Only the outermost Ethernet header
/// sets <see cref="PacketMeta.SrcMac"/>/<see cref="PacketMeta.DstMac"/>: frames inside tunnels (VXLAN,
/// ERSPAN, GRE bridging, MPLS pseudowires) keep the outer addresses.
/// </summary>
internal static class EthernetDecoder
{
    public const int HeaderLength = 14;

    public static DecodeEvent Decode(ReadOnlySpan<byte> frame, ref PacketMeta meta) => Decode(frame, 0, ref meta);

    public static DecodeEvent Decode(ReadOnlySpan<byte> frame, int offset, ref PacketMeta meta)
    {
        if ((uint)offset > (uint)frame.Length || frame.Length - offset < HeaderLength)
        {
            return DecodeEvent.EthernetTooSmall;
        }
        if (meta.TunnelDepth == 0)
        {
            meta.DstMac = MacAddress.Read(frame.Slice(offset, 6));
            meta.SrcMac = MacAddress.Read(frame.Slice(offset + 6, 6));
        }
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 12)..]);
        if (etherType < EtherTypes.MinEtherType)
        {
            meta.EtherType = 0;                                      // 802.3 length field: LLC/SNAP, STP ...
            return DecodeEvent.NotIp;
        }
        return EtherTypeDecoder.Decode(frame, offset + HeaderLength, etherType, ref meta);
    }
}
