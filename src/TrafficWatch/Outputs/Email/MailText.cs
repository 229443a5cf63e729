using System.Globalization;
using System.Net;
using System.Text;

namespace TrafficWatch.Outputs.Email;

/// <summary>
/// Makes hostile text (DHCP hostnames, DNS/SNI names, anything from the wire) safe for a mail: one line, no
/// control or invisible formatting characters (so no CR LF header injection, no bidi spoofing), bounded length,
/// and HTML-escaped for the HTML part.
/// </summary>
public static class MailText
{
    private const string Ellipsis = "…";

    /// <summary>One line of text with control and format characters replaced by spaces, runs of white space
    /// collapsed, trimmed, and cut to at most <paramref name="maxLength"/> characters (ending in "…" when cut).
    /// Invalid UTF-16 becomes U+FFFD.</summary>
    public static string Line(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 8));
        var pendingSpace = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsUnsafe(rune) || Rune.IsWhiteSpace(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(rune.ToString());
            if (builder.Length > maxLength)
            {
                break;
            }
        }
        if (builder.Length <= maxLength)
        {
            return builder.ToString();
        }
        var cut = Math.Max(0, maxLength - Ellipsis.Length);
        if (cut > 0 && char.IsHighSurrogate(builder[cut - 1]))
        {
            cut--;
        }
        return builder.ToString(0, cut) + Ellipsis;
    }

    /// <summary>Text for a header field (subject, X- headers): <see cref="Line"/> with its bound.</summary>
    public static string Header(string? text, int maxLength) => Line(text, maxLength);

    /// <summary>Text for the HTML part: <see cref="Line"/>, then HTML-escaped (&lt; &gt; &amp; &quot; &#39;).</summary>
    public static string Html(string? text, int maxLength) => WebUtility.HtmlEncode(Line(text, maxLength));

    /// <summary>A count with thousands separators (invariant culture).</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static bool IsUnsafe(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned;
    }
}
