using System.Buffers.Binary;

namespace TrafficWatch.Decode;

/// <summary>
/// Linux cooked capture v2 (LINKTYPE_LINUX_SLL2): 20-byte header, protocol at offset 0, interface index,
/// ARPHRD type, packet type and the link-layer source address (which becomes <see cref="PacketMeta.SrcMac"/>).
/// </summary>
internal static class Sll2Decoder
{
    public const int HeaderLength = 20;

    public static DecodeEvent Decode(ReadOnlySpan<byte> frame, ref PacketMeta meta)
    {
        if (frame.Length < HeaderLength)
        {
            return DecodeEvent.Sll2TooSmall;
        }
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(frame);
        var hardwareType = BinaryPrimitives.ReadUInt16BigEndian(frame[8..]);
        var addressLength = frame[11];
        if (hardwareType == SllDecoder.ArphrdEther && addressLength == 6)
        {
            meta.SrcMac = MacAddress.Read(frame.Slice(12, 6));
        }
        return SllDecoder.DecodeProtocol(frame, HeaderLength, protocol, ref meta);
    }
}
