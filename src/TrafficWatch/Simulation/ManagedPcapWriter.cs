using System.Buffers.Binary;

namespace TrafficWatch.Simulation;

/// <summary>
/// Classic pcap (magic a1b2c3d4, little-endian, version 2.4, LINKTYPE_ETHERNET, microseconds) written through a
/// 4 MiB buffer straight into an unbuffered <see cref="FileStream"/>: no allocation per record.
/// </summary>
internal sealed class ManagedPcapWriter : IPcapRecordWriter
{
    private const int BufferSize = 4 << 20;
    private const int RecordHeaderLength = 16;
    private const int SnapLength = 65535;

    private readonly FileStream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;

    public ManagedPcapWriter(string path)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        var header = _buffer.AsSpan(0, 24);
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        _used = 24;
    }

    public void Write(long timestampMicros, ReadOnlySpan<byte> frame)
    {
        var needed = RecordHeaderLength + frame.Length;
        if (_used + needed > _buffer.Length)
        {
            Flush();
        }
        var record = _buffer.AsSpan(_used, needed);
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(timestampMicros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(timestampMicros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        frame.CopyTo(record[RecordHeaderLength..]);
        _used += needed;
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        Flush();
        _stream.Dispose();
    }
}
