using System.Buffers.Binary;

namespace TrafficWatch.Decode.App.Tls;

/// <summary>A forward-only, bounds-checked big-endian reader over a span: every Try* fails instead of reading past the end.</summary>
internal ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public SpanReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Remaining => _data.Length - _position;

    public bool TryReadUInt8(out byte value)
    {
        if ((uint)_position >= (uint)_data.Length)
        {
            value = 0;
            return false;
        }
        value = _data[_position++];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (Remaining < 2)
        {
            value = 0;
            return false;
        }
        value = BinaryPrimitives.ReadUInt16BigEndian(_data[_position..]);
        _position += 2;
        return true;
    }

    public bool TryReadSlice(int length, out ReadOnlySpan<byte> slice)
    {
        if (length < 0 || length > Remaining)
        {
            slice = default;
            return false;
        }
        slice = _data.Slice(_position, length);
        _position += length;
        return true;
    }

    public bool TrySkip(int length) => TryReadSlice(length, out _);
}
