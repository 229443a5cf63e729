using System.Buffers;
using System.Globalization;
using System.Text;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>
/// The one place that renders <see cref="MetricPoint"/>s to InfluxDB line protocol, straight into an
/// <see cref="IBufferWriter{T}"/> (no string building, no LINQ).
/// </summary>
/// <remarks>
/// Rules (InfluxDB line protocol reference, "Special characters"):
/// <list type="bullet">
/// <item>measurement: comma and space are escaped with a backslash;</item>
/// <item>tag keys, tag values and field keys: comma, equals sign and space are escaped;</item>
/// <item>string field values: double quote and backslash are escaped;</item>
/// <item>line protocol cannot carry a newline in any value: every control character (CR, LF, TAB, ...) in
/// a value that came off the wire is replaced by a space, so a hostile hostname can never start a new line;</item>
/// <item>a backslash in a name or tag value that would end the value or precede an escaped character cannot be
/// represented unambiguously and is written as <c>/</c>;</item>
/// <item>tag values are cut to <see cref="MaxTagValueLength"/> characters, string fields to
/// <see cref="MaxStringFieldLength"/>; empty tag values are left out (InfluxDB rejects them);</item>
/// <item>tags are written sorted by key (ordinal, what InfluxDB recommends), a repeated key keeps its first value;</item>
/// <item>integers carry the <c>i</c> suffix, floats use round-trip form, NaN/infinity fields are left out;</item>
/// <item>the timestamp is packet time in nanoseconds (write with precision=ns).</item>
/// </list>
/// </remarks>
public static class LineProtocol
{
    /// <summary>Longest tag value written, in UTF-16 characters; longer values are cut.</summary>
    public const int MaxTagValueLength = 128;

    /// <summary>Longest string field value written, in UTF-16 characters; longer values are cut.</summary>
    public const int MaxStringFieldLength = 4096;

    private const int StackTagLimit = 32;

    private enum Context : byte
    {
        Measurement,
        Key,
        StringField,
    }

    /// <summary>Renders one point and its trailing newline. Returns false (and writes nothing) when the point has
    /// no measurement or no representable field.</summary>
    public static bool Write(IBufferWriter<byte> writer, MetricPoint point)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(point);
        if (point.Measurement.Length == 0 || !HasWritableField(point.Fields))
        {
            return false;
        }

        WriteEscaped(writer, point.Measurement, Context.Measurement, int.MaxValue);
        WriteTags(writer, point.Tags);
        WriteByte(writer, (byte)' ');
        WriteFields(writer, point.Fields);
        WriteByte(writer, (byte)' ');
        WriteInt64(writer, point.Timestamp.Nanoseconds);
        WriteByte(writer, (byte)'\n');
        return true;
    }

    /// <summary>Renders a batch; returns the number of points written (invalid points are skipped).</summary>
    public static int WriteBatch(IBufferWriter<byte> writer, IReadOnlyList<MetricPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var written = 0;
        for (var i = 0; i < points.Count; i++)
        {
            if (Write(writer, points[i]))
            {
                written++;
            }
        }
        return written;
    }

    /// <summary>Renders one point as a string without the trailing newline (tests, logs, the v2 client).</summary>
    public static string ToLine(MetricPoint point)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        if (!Write(buffer, point))
        {
            return string.Empty;
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan[..^1]);
    }

    private static bool HasWritableField(IReadOnlyList<MetricField> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (IsWritable(fields[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsWritable(in MetricField field) =>
        !string.IsNullOrEmpty(field.Key) && (field.Kind != MetricFieldKind.Float || double.IsFinite(field.FloatValue));

    private static void WriteTags(IBufferWriter<byte> writer, IReadOnlyList<MetricTag> tags)
    {
        var count = tags.Count;
        if (count == 0)
        {
            return;
        }
        Span<int> order = count <= StackTagLimit ? stackalloc int[count] : new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }
        // Insertion sort: a point has a dozen tags at most, and this keeps the order stable for equal keys.
        for (var i = 1; i < count; i++)
        {
            var current = order[i];
            var key = tags[current].Key;
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(tags[order[j]].Key, key) > 0)
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = current;
        }

        string? previousKey = null;
        for (var i = 0; i < count; i++)
        {
            var tag = tags[order[i]];
            if (string.IsNullOrEmpty(tag.Key) || string.IsNullOrEmpty(tag.Value) || string.Equals(tag.Key, previousKey, StringComparison.Ordinal))
            {
                continue;
            }
            previousKey = tag.Key;
            WriteByte(writer, (byte)',');
            WriteEscaped(writer, tag.Key, Context.Key, MaxTagValueLength);
            WriteByte(writer, (byte)'=');
            WriteEscaped(writer, tag.Value, Context.Key, MaxTagValueLength);
        }
    }

    private static void WriteFields(IBufferWriter<byte> writer, IReadOnlyList<MetricField> fields)
    {
        var first = true;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (!IsWritable(field))
            {
                continue;
            }
            if (!first)
            {
                WriteByte(writer, (byte)',');
            }
            first = false;
            WriteEscaped(writer, field.Key, Context.Key, MaxTagValueLength);
            WriteByte(writer, (byte)'=');
            switch (field.Kind)
            {
                case MetricFieldKind.Integer:
                    WriteInt64(writer, field.IntegerValue);
                    WriteByte(writer, (byte)'i');
                    break;
                case MetricFieldKind.Float:
                    WriteDouble(writer, field.FloatValue);
                    break;
                case MetricFieldKind.Boolean:
                    WriteAscii(writer, field.BooleanValue ? "true"u8 : "false"u8);
                    break;
                default:
                    WriteByte(writer, (byte)'"');
                    WriteEscaped(writer, field.StringValue ?? string.Empty, Context.StringField, MaxStringFieldLength);
                    WriteByte(writer, (byte)'"');
                    break;
            }
        }
    }

    private static void WriteEscaped(IBufferWriter<byte> writer, string value, Context context, int maxChars)
    {
        var source = value.AsSpan();
        if (source.Length > maxChars)
        {
            var cut = maxChars;
            if (cut > 0 && char.IsHighSurrogate(source[cut - 1]))
            {
                cut--; // never split a surrogate pair
            }
            source = source[..cut];
        }
        if (source.IsEmpty)
        {
            return;
        }

        // Worst case per UTF-16 char: 3 UTF-8 bytes (a surrogate pair is 2 chars -> 4 bytes), or 2 for an escaped ASCII char.
        var destination = writer.GetSpan(source.Length * 3);
        var written = 0;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c < 0x80)
            {
                var b = (byte)c;
                if (b < 0x20 || b == 0x7F)
                {
                    b = (byte)' '; // CR, LF, TAB and other controls never reach the wire
                }
                switch (context)
                {
                    case Context.StringField:
                        if (b is (byte)'"' or (byte)'\\')
                        {
                            destination[written++] = (byte)'\\';
                        }
                        break;
                    case Context.Measurement:
                        if (b is (byte)',' or (byte)' ')
                        {
                            destination[written++] = (byte)'\\';
                        }
                        else if (b == (byte)'\\' && BackslashIsAmbiguous(source, i, context))
                        {
                            b = (byte)'/';
                        }
                        break;
                    default:
                        if (b is (byte)',' or (byte)'=' or (byte)' ')
                        {
                            destination[written++] = (byte)'\\';
                        }
                        else if (b == (byte)'\\' && BackslashIsAmbiguous(source, i, context))
                        {
                            b = (byte)'/';
                        }
                        break;
                }
                destination[written++] = b;
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf16(source[i..], out var rune, out var consumed) != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = 1;
            }
            if (rune.Value is 0x2028 or 0x2029 or 0x85 || Rune.IsControl(rune))
            {
                rune = new Rune(' '); // NEL and Unicode line/paragraph separators are line breaks to some readers
                if (context != Context.StringField)
                {
                    destination[written++] = (byte)'\\';
                }
            }
            written += rune.EncodeToUtf8(destination[written..]);
            i += consumed;
        }
        writer.Advance(written);
    }

    /// <summary>
    /// InfluxDB decides whether a separator is escaped by looking at the byte before it, and has no escape for
    /// the backslash itself in names and tags. A backslash that ends the value, or stands before a character we
    /// escape, would swallow the separator, so it is written as '/'.
    /// </summary>
    private static bool BackslashIsAmbiguous(ReadOnlySpan<char> source, int index, Context context)
    {
        if (index + 1 >= source.Length)
        {
            return true;
        }
        var next = source[index + 1];
        if (char.IsControl(next) || next is ' ' or ',' or '\u2028' or '\u2029')
        {
            return true;
        }
        return context == Context.Key && next == '=';
    }

    private static void WriteByte(IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    private static void WriteAscii(IBufferWriter<byte> writer, ReadOnlySpan<byte> value)
    {
        value.CopyTo(writer.GetSpan(value.Length));
        writer.Advance(value.Length);
    }

    private static void WriteInt64(IBufferWriter<byte> writer, long value)
    {
        var span = writer.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        writer.Advance(written);
    }

    private static void WriteDouble(IBufferWriter<byte> writer, double value)
    {
        var span = writer.GetSpan(32);
        value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture);
        writer.Advance(written);
    }
}
