using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// 802.1Q and 802.1ad (QinQ) tags, TPIDs 0x8100, 0x88A8 and the legacy 0x9100. Ids are pushed in wire order
/// with <see cref="PacketMeta.TryPushVlan"/>, which keeps the outer and inner id and bounds the walk.
/// </summary>
internal static class VlanDecoder
{
    public const int TagLength = 4;

    public static bool IsVlanTpid(ushort etherType)
        => etherType is EtherTypes.Vlan or EtherTypes.QinQ or EtherTypes.QinQLegacy;

    /// <summary>
    /// Consumes consecutive tags starting at <paramref name="offset"/> (just after a TPID). On return
    /// <paramref name="offset"/> and <paramref name="etherType"/> describe the encapsulated protocol.
    /// </summary>
    public static DecodeEvent Walk(ReadOnlySpan<byte> frame, ref int offset, ref ushort etherType, ref PacketMeta meta)
    {
        while (IsVlanTpid(etherType))
        {
            if ((uint)offset > (uint)frame.Length || frame.Length - offset < TagLength)
            {
                return DecodeEvent.VlanTooSmall;
            }
            var tci = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
            if (!meta.TryPushVlan((ushort)(tci & 0x0FFF)))
            {
                return DecodeEvent.VlanTooManyLayers;                // bounded: TryPushVlan caps the stack
            }
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            offset += TagLength;
        }
        return DecodeEvent.None;
    }
}
