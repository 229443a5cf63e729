namespace TrafficWatch.Decode.App;

/// <summary>
/// Reads a DNS name in wire form (RFC 1035 §3.1 labels, §4.1.4 compression) into presentation text, bounded.
/// </summary>
/// <remarks>
/// <para>Text off the wire is hostile; names are kept faithfully and unambiguously, never "cleaned":</para>
/// <list type="bullet">
/// <item>Printable ASCII (0x20..0x7E, space included, as Wireshark shows mDNS instance names) is kept as is.</item>
/// <item><c>.</c> and <c>\</c> inside a label become <c>\.</c> and <c>\\</c> (RFC 1035 §5.1, as dig prints them),
/// so a dot in the text is always a label separator.</item>
/// <item>Every other byte (controls, DEL, bytes 0x80..0xFF, so UTF-8 too) becomes <c>\DDD</c>, three decimal
/// digits (RFC 1035 §5.1, dig and Wireshark): CR LF is <c>\013\010</c>, NUL is <c>\000</c>.</item>
/// <item>Case is kept. Labels are joined with <c>.</c>, no trailing dot; the root name alone is <c>.</c>.</item>
/// </list>
/// <para>Escaping for HTML, terminals or logs is the consumer's job: <c>&lt;</c>, quotes and the like pass
/// through as they came.</para>
/// <para>Bounds: a label is at most 63 bytes, a name at most 255 wire bytes; a pointer must point strictly
/// before the start of the name segment that contains it (so every jump goes backwards and no loop is
/// possible) and at most <see cref="MaxPointerFollows"/> pointers are followed.</para>
/// </remarks>
internal static class DnsNameReader
{
    public const int MaxLabelLength = 63;
    public const int MaxNameLength = 255;
    public const int MaxPointerFollows = 32;

    // 253 content bytes at 4 chars each plus separators: well under 1100.
    private const int MaxTextLength = 1100;

    [ThreadStatic]
    private static char[]? t_text;

    /// <summary>
    /// Reads the name starting at <paramref name="offset"/> of <paramref name="message"/> (pointers index the whole
    /// message). On success <paramref name="next"/> is the offset just after the name in the original stream.
    /// With <paramref name="allowPartial"/> a name that ends with the data instead of a root label is accepted
    /// (RFC 4702 §2.3.1 partial names in the DHCP client FQDN option).
    /// </summary>
    public static DnsParseError Read(ReadOnlySpan<byte> message, int offset, bool allowPointers, out string name, out int next,
        bool allowPartial = false)
    {
        name = string.Empty;
        next = offset;
        // A reused per-thread buffer: a 2 KB stackalloc would be zeroed on every name (it showed in profiles).
        Span<char> text = t_text ??= new char[MaxTextLength];
        var length = 0;
        var pos = offset;
        var segmentStart = offset;
        var end = -1;
        var wireLength = 0;
        var follows = 0;
        while (true)                                    // bounded: every pass adds wire bytes (<= 255) or follows a pointer (<= 32)
        {
            if ((uint)pos >= (uint)message.Length)
            {
                if (allowPartial && pos == message.Length && length != 0 && end < 0)
                {
                    next = pos;
                    name = new string(text[..length]);
                    return DnsParseError.None;
                }
                return DnsParseError.TruncatedName;
            }
            var b = message[pos];
            switch (b & 0xC0)
            {
                case 0x00 when b == 0:
                    next = end >= 0 ? end : pos + 1;
                    if (length == 0)
                    {
                        text[length++] = '.';
                    }
                    name = new string(text[..length]);
                    return DnsParseError.None;
                case 0x00:
                    if (pos + 1 + b > message.Length)
                    {
                        return DnsParseError.TruncatedName;
                    }
                    wireLength += b + 1;
                    if (wireLength + 1 > MaxNameLength)
                    {
                        return DnsParseError.NameTooLong;
                    }
                    if (length != 0)
                    {
                        text[length++] = '.';
                    }
                    length += AppendEscaped(message.Slice(pos + 1, b), text[length..]);
                    pos += 1 + b;
                    break;
                case 0xC0:
                    if (!allowPointers)
                    {
                        return DnsParseError.PointerNotAllowed;
                    }
                    if (pos + 1 >= message.Length)
                    {
                        return DnsParseError.TruncatedName;
                    }
                    var target = ((b & 0x3F) << 8) | message[pos + 1];
                    if (end < 0)
                    {
                        end = pos + 2;
                    }
                    if (target >= message.Length)
                    {
                        return DnsParseError.PointerOutOfRange;
                    }
                    if (target >= pos)
                    {
                        return DnsParseError.ForwardPointer;
                    }
                    if (target >= segmentStart || ++follows > MaxPointerFollows)
                    {
                        return DnsParseError.PointerLoop;
                    }
                    segmentStart = target;
                    pos = target;
                    break;
                default:
                    return DnsParseError.LabelTooLong;
            }
        }
    }

    /// <summary>Appends one label's bytes, escaped as described on the class; returns the chars written.</summary>
    public static int AppendEscaped(ReadOnlySpan<byte> label, Span<char> destination)
    {
        var n = 0;
        foreach (var c in label)
        {
            if (c is (byte)'.' or (byte)'\\')
            {
                destination[n++] = '\\';
                destination[n++] = (char)c;
            }
            else if (c is >= 0x20 and <= 0x7E)
            {
                destination[n++] = (char)c;
            }
            else
            {
                destination[n++] = '\\';
                destination[n++] = (char)('0' + c / 100);
                destination[n++] = (char)('0' + c / 10 % 10);
                destination[n++] = (char)('0' + c % 10);
            }
        }
        return n;
    }
}
