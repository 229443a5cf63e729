using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace TrafficWatch.Simulation;

/// <summary>A small growable big-endian byte writer for slow-path application payloads.</summary>
internal sealed class PayloadBuilder
{
    private byte[] _buffer;

    public PayloadBuilder(int capacity = 512) => _buffer = new byte[capacity];

    public int Length { get; private set; }

    public PayloadBuilder U8(int value)
    {
        Ensure(1)[0] = (byte)value;
        Length += 1;
        return this;
    }

    public PayloadBuilder U16(int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Ensure(2), (ushort)value);
        Length += 2;
        return this;
    }

    public PayloadBuilder U32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Ensure(4), value);
        Length += 4;
        return this;
    }

    public PayloadBuilder Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Ensure(bytes.Length));
        Length += bytes.Length;
        return this;
    }

    public PayloadBuilder Ascii(string text)
    {
        var count = Encoding.ASCII.GetByteCount(text);
        Encoding.ASCII.GetBytes(text, Ensure(count));
        Length += count;
        return this;
    }

    public PayloadBuilder Address(IPAddress address)
    {
        address.TryWriteBytes(Ensure(4), out _);
        Length += 4;
        return this;
    }

    public PayloadBuilder Random(Random random, int count)
    {
        random.NextBytes(Ensure(count)[..count]);
        Length += count;
        return this;
    }

    public PayloadBuilder Zeros(int count)
    {
        Ensure(count)[..count].Clear();
        Length += count;
        return this;
    }

    /// <summary>Reserves a 16-bit length field; <see cref="PatchLength16"/> fills it later.</summary>
    public int Mark16()
    {
        var at = Length;
        U16(0);
        return at;
    }

    public int Mark24()
    {
        var at = Length;
        U8(0).U16(0);
        return at;
    }

    public void PatchLength16(int at) => BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(at), (ushort)(Length - at - 2));

    public void PatchLength24(int at)
    {
        var length = Length - at - 3;
        _buffer[at] = (byte)(length >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(at + 1), (ushort)length);
    }

    public void PatchU8(int at, int value) => _buffer[at] = (byte)value;

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    private Span<byte> Ensure(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }
        return _buffer.AsSpan(Length);
    }
}
