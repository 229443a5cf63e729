using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// Linux cooked capture v1 (LINKTYPE_LINUX_SLL): 16-byte header, protocol at offset 14. When the link is
/// Ethernet the sender's MAC is in the header and becomes <see cref="PacketMeta.SrcMac"/> (no destination MAC).
/// </summary>
internal static class SllDecoder
{
    public const int HeaderLength = 16;
    internal const ushort ArphrdEther = 1;
    private const ushort ProtocolNovell8023 = 0x0001, ProtocolLlc = 0x0004;

    public static DecodeEvent Decode(ReadOnlySpan<byte> frame, ref PacketMeta meta)
    {
        if (frame.Length < HeaderLength)
        {
            return DecodeEvent.SllTooSmall;
        }
        var hardwareType = BinaryPrimitives.ReadUInt16BigEndian(frame[2..]);
        var addressLength = BinaryPrimitives.ReadUInt16BigEndian(frame[4..]);
        if (hardwareType == ArphrdEther && addressLength == 6)
        {
            meta.SrcMac = MacAddress.Read(frame.Slice(6, 6));
        }
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(frame[14..]);
        return DecodeProtocol(frame, HeaderLength, protocol, ref meta);
    }

    /// <summary>Shared with SLL2: the protocol field is an EtherType except for a few Linux pseudo values.</summary>
    internal static DecodeEvent DecodeProtocol(ReadOnlySpan<byte> frame, int offset, ushort protocol, ref PacketMeta meta)
    {
        if (protocol is ProtocolNovell8023 or ProtocolLlc || protocol < EtherTypes.MinEtherType)
        {
            meta.EtherType = 0;
            return DecodeEvent.NotIp;
        }
        return EtherTypeDecoder.Decode(frame, offset, protocol, ref meta);
    }
}
