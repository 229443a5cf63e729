using System.Buffers.Binary;

namespace TrafficWatch.Tests.Capture;

/// <summary>
/// Writes pcapng block by block, each section in its own byte order: SHB, IDB (with if_tsresol / if_tsoffset),
/// EPB, SPB, the obsolete Packet Block and arbitrary blocks to be skipped. <see cref="Position"/> gives the byte
/// offset of the next block, for asserting error offsets.
/// </summary>
public sealed class PcapNgBlockWriter
{
    private readonly MemoryStream _stream = new();
    private bool _bigEndian;

    public long Position => _stream.Length;

    public PcapNgBlockWriter Section(bool bigEndian = false)
    {
        _bigEndian = bigEndian;
        var body = new byte[16];
        U32(body, 0, 0x1A2B3C4D);
        U16(body, 4, 1);
        U16(body, 6, 0);
        U32(body, 8, uint.MaxValue);
        U32(body, 12, uint.MaxValue);                     // section length -1: unknown
        return Block(0x0A0D0D0A, body);
    }

    /// <summary>An IDB; <paramref name="tsresol"/> is the raw if_tsresol byte, <paramref name="tsoffset"/> seconds.</summary>
    public PcapNgBlockWriter Interface(ushort linkType, uint snapLength = 0, byte? tsresol = null, long? tsoffset = null)
    {
        var options = new MemoryStream();
        if (tsresol is { } r)
        {
            options.Write(Option(9, [r]));
        }
        if (tsoffset is { } o)
        {
            var value = new byte[8];
            if (_bigEndian)
            {
                BinaryPrimitives.WriteInt64BigEndian(value, o);
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(value, o);
            }
            options.Write(Option(14, value));
        }
        if (options.Length > 0)
        {
            options.Write(new byte[4]);                   // opt_endofopt
        }
        var body = new byte[8 + options.Length];
        U16(body, 0, linkType);
        U32(body, 4, snapLength);
        options.ToArray().CopyTo(body, 8);
        return Block(1, body);
    }

    public PcapNgBlockWriter Enhanced(uint interfaceId, ulong units, ReadOnlySpan<byte> data, uint? wireLength = null, uint? claimedCaptureLength = null)
    {
        var body = new byte[20 + Pad(data.Length)];
        U32(body, 0, interfaceId);
        U32(body, 4, (uint)(units >> 32));
        U32(body, 8, (uint)units);
        U32(body, 12, claimedCaptureLength ?? (uint)data.Length);
        U32(body, 16, wireLength ?? (uint)data.Length);
        data.CopyTo(body.AsSpan(20));
        return Block(6, body);
    }

    /// <summary>Obsolete Packet Block (type 2): u16 interface id, u16 drops count, then as an EPB.</summary>
    public PcapNgBlockWriter Obsolete(ushort interfaceId, ulong units, ReadOnlySpan<byte> data, uint? wireLength = null)
    {
        var body = new byte[20 + Pad(data.Length)];
        U16(body, 0, interfaceId);
        U16(body, 2, 7);
        U32(body, 4, (uint)(units >> 32));
        U32(body, 8, (uint)units);
        U32(body, 12, (uint)data.Length);
        U32(body, 16, wireLength ?? (uint)data.Length);
        data.CopyTo(body.AsSpan(20));
        return Block(2, body);
    }

    /// <summary>Simple Packet Block: original length and the (possibly snapped) data.</summary>
    public PcapNgBlockWriter Simple(uint wireLength, ReadOnlySpan<byte> data)
    {
        var body = new byte[4 + Pad(data.Length)];
        U32(body, 0, wireLength);
        data.CopyTo(body.AsSpan(4));
        return Block(3, body);
    }

    /// <summary>Any other block (NRB 4, ISB 5, DSB 10, custom 0xBAD ...): the reader must skip it.</summary>
    public PcapNgBlockWriter Other(uint type, int bodyLength) => Block(type, new byte[Pad(bodyLength)]);

    /// <summary>A block whose length field is <paramref name="totalLength"/> whatever it holds.</summary>
    public PcapNgBlockWriter Broken(uint type, uint totalLength, int bodyLength)
    {
        var header = new byte[8];
        U32(header, 0, type);
        U32(header, 4, totalLength);
        _stream.Write(header);
        _stream.Write(new byte[bodyLength]);
        return this;
    }

    public byte[] ToArray() => _stream.ToArray();

    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, ToArray());
        return path;
    }

    private static int Pad(int length) => (length + 3) & ~3;

    private byte[] Option(ushort code, byte[] value)
    {
        var option = new byte[4 + Pad(value.Length)];
        U16(option, 0, code);
        U16(option, 2, (ushort)value.Length);
        value.CopyTo(option, 4);
        return option;
    }

    private PcapNgBlockWriter Block(uint type, byte[] body)
    {
        var total = (uint)(12 + body.Length);
        var block = new byte[total];
        U32(block, 0, type);
        U32(block, 4, total);
        body.CopyTo(block, 8);
        U32(block, (int)total - 4, total);
        _stream.Write(block);
        return this;
    }

    private void U32(byte[] buffer, int offset, uint value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offset), value);
        }
    }

    private void U16(byte[] buffer, int offset, ushort value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(offset), value);
        }
    }
}
