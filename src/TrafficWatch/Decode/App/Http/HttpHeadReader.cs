using System.Text;

namespace TrafficWatch.Decode.App.Http;

/// <summary>
/// Line and header-field helpers shared by the HTTP and SSDP parsers (RFC 9112 grammar, bounded). A line ends at
/// LF, with one optional CR before it; a CR anywhere else ends parsing, so CR/LF injection cannot start a new header.
/// </summary>
internal static class HttpHeadReader
{
    /// <summary>Longest value text kept for any header (longer values are cut, never an error).</summary>
    public const int MaxValueChars = 1024;

    /// <summary>Reads the line at <paramref name="offset"/> (without its CRLF) and moves past it.</summary>
    public static HeadLine ReadLine(ReadOnlySpan<byte> data, ref int offset, int maxLineLength, bool endOfDataEndsLine,
        out ReadOnlySpan<byte> line)
    {
        line = default;
        var rest = data[offset..];
        var window = rest[..Math.Min(rest.Length, maxLineLength + 2)];
        var lf = window.IndexOf((byte)'\n');
        int consumed;
        if (lf < 0)
        {
            if (rest.Length > maxLineLength)
            {
                return HeadLine.TooLong;
            }
            if (!endOfDataEndsLine)
            {
                // A CR may end the data (its LF is in the next segment); anywhere else it is a bare CR.
                var cr = rest.IndexOf((byte)'\r');
                return cr >= 0 && cr < rest.Length - 1 ? HeadLine.BareCarriageReturn : HeadLine.NeedMore;
            }
            line = rest;
            consumed = rest.Length;
        }
        else
        {
            line = window[..lf];
            consumed = lf + 1;
        }
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }
        if (line.Length > maxLineLength)
        {
            return HeadLine.TooLong;
        }
        if (line.Contains((byte)'\r'))
        {
            return HeadLine.BareCarriageReturn;
        }
        offset += consumed;
        return HeadLine.Ok;
    }

    /// <summary>
    /// Splits <c>name ":" OWS value OWS</c>. <see cref="HeaderSplit.Invalid"/> for obs-fold (leading whitespace), a
    /// missing colon, whitespace before the colon or a non-token name: the head is broken there.
    /// A value is cut at its first NUL (as C-string based tools such as Wireshark read it); a value that still holds
    /// control bytes gives <see cref="HeaderSplit.Ignored"/>: that header is skipped, parsing goes on.
    /// </summary>
    public static HeaderSplit SplitHeader(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        name = default;
        value = default;
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return HeaderSplit.Invalid;
        }
        name = line[..colon];
        foreach (var b in name)
        {
            if (!IsTokenChar(b))
            {
                return HeaderSplit.Invalid;
            }
        }
        value = line[(colon + 1)..];
        var nul = value.IndexOf((byte)0);
        if (nul >= 0)
        {
            value = value[..nul];
        }
        value = value.Trim(" \t"u8);
        foreach (var b in value)
        {
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
            {
                return HeaderSplit.Ignored;
            }
        }
        return HeaderSplit.Ok;
    }

    public static bool IsTokenChar(byte b) => b switch
    {
        >= (byte)'a' and <= (byte)'z' => true,
        >= (byte)'A' and <= (byte)'Z' => true,
        >= (byte)'0' and <= (byte)'9' => true,
        (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*' or (byte)'+'
            or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~' => true,
        _ => false,
    };

    /// <summary>True for "HTTP/d.d".</summary>
    public static bool IsHttpVersion(ReadOnlySpan<byte> text)
        => text.Length == 8 && text.StartsWith("HTTP/"u8) && char.IsAsciiDigit((char)text[5]) && text[6] == (byte)'.'
           && char.IsAsciiDigit((char)text[7]);

    /// <summary>Header value as text (UTF-8, invalid bytes replaced), cut to <see cref="MaxValueChars"/>.</summary>
    public static string Text(ReadOnlySpan<byte> bytes, int maxBytes = MaxValueChars)
        => Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, maxBytes)]);

    /// <summary>First token of an Authorization value (the scheme), bounded; never the credentials after it.</summary>
    public static string Scheme(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOfAny(" \t"u8);
        var scheme = end < 0 ? value : value[..end];
        return Text(scheme, 32);
    }
}
