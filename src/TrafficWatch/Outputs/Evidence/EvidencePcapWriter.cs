using System.Buffers.Binary;

namespace TrafficWatch.Outputs.Evidence;

/// <summary>
/// Writes a classic pcap with nanosecond timestamps (magic <c>a1b23c4d</c>, little-endian, version 2.4) for one link
/// type: each record keeps the frame's captured bytes, its original wire length and its exact packet time, so
/// Wireshark, tshark and tcpdump show the evidence as it was captured.
/// </summary>
public sealed class EvidencePcapWriter : IDisposable
{
    /// <summary>Snap length written in the header; records longer than this keep their bytes anyway (readers accept it up to 256 KiB).</summary>
    public const int SnapLength = 262_144;
    private const uint NanosecondMagic = 0xA1B2_3C4D;
    private const int RecordHeaderLength = 16;

    private readonly FileStream _stream;
    private readonly byte[] _header = new byte[RecordHeaderLength];

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the file header.</summary>
    public EvidencePcapWriter(string path, int linkType)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, NanosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        _stream.Write(header);
    }

    public long Records { get; private set; }

    /// <summary>Appends one record: <paramref name="data"/> is the captured bytes, <paramref name="wireLength"/> the original length.</summary>
    public void Write(PacketTime timestamp, ReadOnlySpan<byte> data, int wireLength)
    {
        var seconds = Math.DivRem(timestamp.Nanoseconds, PacketTime.NanosPerSecond, out var nanos);
        if (nanos < 0)
        {
            seconds--;
            nanos += PacketTime.NanosPerSecond;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(_header, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), (uint)nanos);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(8), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(12), (uint)Math.Max(wireLength, data.Length));
        _stream.Write(_header);
        _stream.Write(data);
        Records++;
    }

    public void Dispose() => _stream.Dispose();
}
