using System.Globalization;
using System.Text;

namespace TrafficWatch.Attribution.Devices;

/// <summary>
/// Makes hostile wire text safe to show in a terminal or a CSV cell without losing information: control
/// characters (C0, DEL, C1), Unicode format characters (bidi overrides, zero-width) and line/paragraph separators
/// become visible escapes (<c>\r</c>, <c>\n</c>, <c>\t</c>, <c>\x1b</c>, <c>\u202e</c>), and a backslash becomes
/// <c>\\</c> so escapes cannot be forged.
/// </summary>
public static class DisplayText
{
    public const string Ellipsis = "…";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var first = FirstToEscape(text);
        if (first < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);           // a valid pair (emoji, CJK extension)
                continue;
            }
            if (!NeedsEscape(c))
            {
                builder.Append(c);
                continue;
            }
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\n': builder.Append(@"\n"); break;
                case '\t': builder.Append(@"\t"); break;
                default:
                    builder.Append(c <= 0xFF
                        ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}")
                        : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
                    break;
            }
        }
        return builder.ToString();
    }

    private static int FirstToEscape(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (NeedsEscape(c))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary><see cref="Escape"/>, then cut to <paramref name="width"/> characters (ending in "…" when cut).</summary>
    public static string Fit(string? text, int width)
    {
        var escaped = Escape(text);
        return escaped.Length <= width ? escaped : string.Concat(escaped.AsSpan(0, Math.Max(0, width - 1)), Ellipsis);
    }

    // Lone surrogates are escaped too: they cannot be encoded.
    private static bool NeedsEscape(char c)
        => c == '\\' || char.IsControl(c) || char.IsSurrogate(c)
            || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse;
}
