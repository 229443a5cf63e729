using System.Buffers.Binary;

namespace TrafficWatch.Tests.Capture;

/// <summary>Writes little-endian pcapng by hand: one SHB, one IDB (optionally if_tsresol=9 for ns), EPBs.</summary>
public sealed class PcapNgFileBuilder
{
    private readonly MemoryStream _stream = new();
    private readonly bool _nanosecond;

    public PcapNgFileBuilder(ushort linkType = 1, bool nanosecond = false, uint snapLength = 65535)
    {
        _nanosecond = nanosecond;
        // Section Header Block
        WriteUInt32(0x0A0D0D0A);
        WriteUInt32(28);
        WriteUInt32(0x1A2B3C4D);
        WriteUInt16(1);
        WriteUInt16(0);
        WriteUInt64(ulong.MaxValue);    // section length unknown
        WriteUInt32(28);
        // Interface Description Block
        var idbLength = nanosecond ? 32u : 20u;
        WriteUInt32(1);
        WriteUInt32(idbLength);
        WriteUInt16(linkType);
        WriteUInt16(0);
        WriteUInt32(snapLength);
        if (nanosecond)
        {
            WriteUInt16(9);             // if_tsresol
            WriteUInt16(1);
            _stream.Write([9, 0, 0, 0]); // 10^-9, padded
            WriteUInt16(0);             // opt_endofopt
            WriteUInt16(0);
        }
        WriteUInt32(idbLength);
    }

    /// <summary>Adds an Enhanced Packet Block at <paramref name="seconds"/> + <paramref name="fraction"/> (us or ns).</summary>
    public PcapNgFileBuilder Add(ulong seconds, ulong fraction, ReadOnlySpan<byte> data, uint? wireLength = null)
    {
        var units = seconds * (_nanosecond ? 1_000_000_000UL : 1_000_000UL) + fraction;
        var padded = (data.Length + 3) & ~3;
        var total = (uint)(32 + padded);
        WriteUInt32(6);
        WriteUInt32(total);
        WriteUInt32(0);                 // interface id
        WriteUInt32((uint)(units >> 32));
        WriteUInt32((uint)units);
        WriteUInt32((uint)data.Length);
        WriteUInt32(wireLength ?? (uint)data.Length);
        _stream.Write(data);
        _stream.Write(new byte[padded - data.Length]);
        WriteUInt32(total);
        return this;
    }

    public byte[] ToArray() => _stream.ToArray();

    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, ToArray());
        return path;
    }

    private void WriteUInt64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        _stream.Write(b);
    }

    private void WriteUInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        _stream.Write(b);
    }

    private void WriteUInt16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        _stream.Write(b);
    }
}
