using System.Buffers.Binary;

namespace TrafficWatch.Tests.Capture;

/// <summary>Writes classic pcap files byte by byte (either byte order, usec or nsec magic), for exact-format tests.</summary>
public sealed class PcapFileBuilder
{
    private readonly MemoryStream _stream = new();
    private readonly bool _bigEndian;

    public PcapFileBuilder(uint linkType = 1, bool bigEndian = false, bool nanosecond = false, uint snapLength = 65535)
    {
        _bigEndian = bigEndian;
        WriteUInt32(nanosecond ? 0xA1B23C4Du : 0xA1B2C3D4u);
        WriteUInt16(2);
        WriteUInt16(4);
        WriteUInt32(0);                 // thiszone
        WriteUInt32(0);                 // sigfigs
        WriteUInt32(snapLength);
        WriteUInt32(linkType);
    }

    public int RecordCount { get; private set; }

    /// <summary>Adds a record; <paramref name="fraction"/> is micro- or nanoseconds depending on the magic.</summary>
    public PcapFileBuilder Add(uint seconds, uint fraction, ReadOnlySpan<byte> data, uint? wireLength = null)
    {
        WriteUInt32(seconds);
        WriteUInt32(fraction);
        WriteUInt32((uint)data.Length);
        WriteUInt32(wireLength ?? (uint)data.Length);
        _stream.Write(data);
        RecordCount++;
        return this;
    }

    public byte[] ToArray() => _stream.ToArray();

    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, ToArray());
        return path;
    }

    private void WriteUInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        }
        _stream.Write(b);
    }

    private void WriteUInt16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        }
        _stream.Write(b);
    }
}
