using System.Buffers.Binary;
using System.Collections;
using System.Numerics;
using System.Text;

namespace TrafficWatch.Simulation.GeoDatabase;

/// <summary>
/// Encodes values in the MaxMind DB data section format (spec v2.0, "Output Data Section"). .NET types map to
/// MMDB types: <see cref="string"/> = utf8_string, <see cref="ushort"/> = uint16, <see cref="uint"/> = uint32,
/// <see cref="int"/> = int32, <see cref="ulong"/> = uint64, <see cref="UInt128"/> or non-negative
/// <see cref="BigInteger"/> = uint128, <see cref="double"/>, <see cref="float"/>, <see cref="bool"/> = boolean,
/// <c>byte[]</c> = bytes, <see cref="IDictionary"/> with string keys = map, any other <see cref="IEnumerable"/> = array.
/// </summary>
/// <remarks>
/// Map keys are written in ordinal order, so the bytes do not depend on dictionary iteration order. When
/// <c>usePointers</c> is set, a string (key or value) already written is replaced by a pointer to its first copy,
/// as MaxMind's writers do; the metadata section is written without pointers (the spec does not allow them there).
/// </remarks>
internal sealed class MmdbDataWriter
{
    /// <summary>The largest size a control byte can express (65821 + 0xFFFFFF).</summary>
    public const int MaxSize = 65_821 + 0xFF_FFFF;

    private const int PointerWorthMinimumBytes = 3;
    private readonly MemoryStream _buffer = new();
    private readonly Dictionary<string, int>? _strings;

    public MmdbDataWriter(bool usePointers)
    {
        _strings = usePointers ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
    }

    /// <summary>Bytes written so far (the offset the next value will get).</summary>
    public int Length => (int)_buffer.Length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.GetBuffer().AsSpan(0, (int)_buffer.Length);

    /// <summary>Writes <paramref name="value"/> and returns its offset from the start of this section.</summary>
    /// <exception cref="ArgumentException">A value of a type the format cannot hold, or too large.</exception>
    public int Write(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var offset = Length;
        WriteValue(value, depth: 0);
        return offset;
    }

    /// <summary>Encodes <paramref name="value"/> on its own, without pointers (a stable key for de-duplication).</summary>
    public static byte[] Encode(object value)
    {
        var writer = new MmdbDataWriter(usePointers: false);
        writer.Write(value);
        return writer.WrittenSpan.ToArray();
    }

    private void WriteValue(object value, int depth)
    {
        if (depth > 64)
        {
            throw new ArgumentException("Data nested more than 64 levels deep");
        }
        switch (value)
        {
            case string s:
                WriteString(s);
                break;
            case ushort u16:
                WriteUnsigned(MmdbType.Uint16, u16, 2);
                break;
            case uint u32:
                WriteUnsigned(MmdbType.Uint32, u32, 4);
                break;
            case ulong u64:
                WriteUnsigned(MmdbType.Uint64, u64, 8);
                break;
            case UInt128 u128:
                WriteUint128(u128);
                break;
            case BigInteger big:
                if (big.Sign < 0 || big > (BigInteger)UInt128.MaxValue)
                {
                    throw new ArgumentException($"uint128 value out of range: {big}");
                }
                WriteUint128((UInt128)big);
                break;
            case int i32:
                WriteInt32(i32);
                break;
            case double d:
                WriteControl(MmdbType.Double, 8);
                Span<byte> d8 = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(d8, d);
                _buffer.Write(d8);
                break;
            case float f:
                WriteControl(MmdbType.Float, 4);
                Span<byte> f4 = stackalloc byte[4];
                BinaryPrimitives.WriteSingleBigEndian(f4, f);
                _buffer.Write(f4);
                break;
            case bool b:
                WriteControl(MmdbType.Boolean, b ? 1 : 0);
                break;
            case byte[] bytes:
                WriteControl(MmdbType.Bytes, bytes.Length);
                _buffer.Write(bytes);
                break;
            case IDictionary map:
                WriteMap(map, depth);
                break;
            case IEnumerable items:
                WriteArray(items, depth);
                break;
            default:
                throw new ArgumentException($"Type {value.GetType().Name} has no MaxMind DB encoding");
        }
    }

    private void WriteMap(IDictionary map, int depth)
    {
        var entries = new List<KeyValuePair<string, object>>(map.Count);
        foreach (DictionaryEntry entry in map)
        {
            if (entry.Key is not string key)
            {
                throw new ArgumentException("Map keys must be strings");
            }
            if (entry.Value is null)
            {
                throw new ArgumentException($"Map value for '{key}' is null");
            }
            entries.Add(new(key, entry.Value));
        }
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        WriteControl(MmdbType.Map, entries.Count);
        foreach (var (key, item) in entries)
        {
            WriteString(key);
            WriteValue(item, depth + 1);
        }
    }

    private void WriteArray(IEnumerable items, int depth)
    {
        var list = new List<object>();
        foreach (var item in items)
        {
            list.Add(item ?? throw new ArgumentException("Array element is null"));
        }
        WriteControl(MmdbType.Array, list.Count);
        foreach (var item in list)
        {
            WriteValue(item, depth + 1);
        }
    }

    private void WriteString(string s)
    {
        var length = Encoding.UTF8.GetByteCount(s);
        if (_strings is not null && length >= PointerWorthMinimumBytes)
        {
            if (_strings.TryGetValue(s, out var previous))
            {
                WritePointer(previous);
                return;
            }
            _strings[s] = Length;
        }
        WriteControl(MmdbType.Utf8String, length);
        var bytes = Encoding.UTF8.GetBytes(s);
        _buffer.Write(bytes);
    }

    private void WriteUnsigned(MmdbType type, ulong value, int maxBytes)
    {
        var bytes = MinimalBytes(value);
        if (bytes > maxBytes)
        {
            throw new ArgumentException($"{value} does not fit in {type}");
        }
        WriteControl(type, bytes);
        for (var i = bytes - 1; i >= 0; i--)
        {
            _buffer.WriteByte((byte)(value >> (8 * i)));
        }
    }

    private void WriteUint128(UInt128 value)
    {
        var high = (ulong)(value >> 64);
        var low = (ulong)value;
        if (high == 0)
        {
            var bytes = MinimalBytes(low);
            WriteControl(MmdbType.Uint128, bytes);
            for (var i = bytes - 1; i >= 0; i--)
            {
                _buffer.WriteByte((byte)(low >> (8 * i)));
            }
            return;
        }
        var highBytes = MinimalBytes(high);
        WriteControl(MmdbType.Uint128, 8 + highBytes);
        for (var i = highBytes - 1; i >= 0; i--)
        {
            _buffer.WriteByte((byte)(high >> (8 * i)));
        }
        Span<byte> lowBytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(lowBytes, low);
        _buffer.Write(lowBytes);
    }

    private void WriteInt32(int value)
    {
        if (value < 0)
        {
            WriteControl(MmdbType.Int32, 4);
            Span<byte> four = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(four, value);
            _buffer.Write(four);
            return;
        }
        var bytes = MinimalBytes((uint)value);
        WriteControl(MmdbType.Int32, bytes);
        for (var i = bytes - 1; i >= 0; i--)
        {
            _buffer.WriteByte((byte)(value >> (8 * i)));
        }
    }

    /// <summary>
    /// A pointer: control byte <c>001SSVVV</c>; SS selects 11, 19, 27 or 32 value bits, with the bias the spec adds
    /// for the middle sizes (2048 and 526336).
    /// </summary>
    private void WritePointer(int offset)
    {
        const int Bias1 = 2_048;
        const int Bias2 = 526_336;
        const int Limit2 = Bias2 + (1 << 27);
        var control = (int)MmdbType.Pointer << 5;
        if (offset < Bias1)
        {
            _buffer.WriteByte((byte)(control | (offset >> 8)));
            _buffer.WriteByte((byte)offset);
        }
        else if (offset < Bias2)
        {
            var v = offset - Bias1;
            _buffer.WriteByte((byte)(control | (1 << 3) | (v >> 16)));
            _buffer.WriteByte((byte)(v >> 8));
            _buffer.WriteByte((byte)v);
        }
        else if (offset < Limit2)
        {
            var v = offset - Bias2;
            _buffer.WriteByte((byte)(control | (2 << 3) | (v >> 24)));
            _buffer.WriteByte((byte)(v >> 16));
            _buffer.WriteByte((byte)(v >> 8));
            _buffer.WriteByte((byte)v);
        }
        else
        {
            _buffer.WriteByte((byte)(control | (3 << 3)));
            Span<byte> four = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(four, (uint)offset);
            _buffer.Write(four);
        }
    }

    /// <summary>Control byte (type in the top 3 bits, or 0 plus an extended-type byte), then the size bytes.</summary>
    private void WriteControl(MmdbType type, int size)
    {
        if ((uint)size > MaxSize)
        {
            throw new ArgumentException($"A {type} of size {size} is larger than the format allows ({MaxSize})");
        }
        var typeNumber = (int)type;
        var control = typeNumber <= 7 ? typeNumber << 5 : 0;
        int sizeBits;
        int extraBytes;
        int extra;
        if (size < 29)
        {
            (sizeBits, extraBytes, extra) = (size, 0, 0);
        }
        else if (size < 29 + 256)
        {
            (sizeBits, extraBytes, extra) = (29, 1, size - 29);
        }
        else if (size < 285 + 65_536)
        {
            (sizeBits, extraBytes, extra) = (30, 2, size - 285);
        }
        else
        {
            (sizeBits, extraBytes, extra) = (31, 3, size - 65_821);
        }
        _buffer.WriteByte((byte)(control | sizeBits));
        if (typeNumber > 7)
        {
            _buffer.WriteByte((byte)(typeNumber - 7));
        }
        for (var i = extraBytes - 1; i >= 0; i--)
        {
            _buffer.WriteByte((byte)(extra >> (8 * i)));
        }
    }

    private static int MinimalBytes(ulong value)
    {
        var bytes = 0;
        while (value != 0)
        {
            bytes++;
            value >>= 8;
        }
        return bytes;
    }
}
