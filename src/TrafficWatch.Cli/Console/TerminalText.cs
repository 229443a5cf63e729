using System.Text;

namespace TrafficWatch.Cli.Console;

/// <summary>Makes text safe for a terminal: control characters (ESC sequences, CR, BEL ...) become visible escapes.</summary>
internal static class TerminalText
{
    public static string Safe(string? text, int maxLength = 512)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var bad = char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E' or '\u202D';
            if (bad && sb is null)
            {
                sb = new StringBuilder(text.Length + 16);
                sb.Append(text, 0, i);
            }
            if (sb is null)
            {
                continue;
            }
            if (bad)
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }
        var result = sb?.ToString() ?? text;
        return result.Length > maxLength ? result[..maxLength] + "…" : result;
    }
}
