using System.Globalization;

namespace TrafficWatch.Capture;

/// <summary>
/// Reads the bounds of <c>replay --from/--to</c>: Unix seconds (<c>1748851200</c>, <c>1748851200.25</c>) or an
/// ISO-8601 date/time, taken as UTC unless it carries a zone (<c>2025-06-02</c>, <c>2025-06-02T08:00</c>,
/// <c>2025-06-02T08:00:00.5Z</c>, <c>2025-06-02 09:00:00+01:00</c>).
/// </summary>
public static class TimeWindowText
{
    private static readonly string[] s_formats = BuildFormats();

    /// <summary>Parses one bound; on failure <paramref name="error"/> is one line naming the option and the accepted forms.</summary>
    public static bool TryParse(string? text, string optionName, out PacketTime time, out string error)
    {
        time = default;
        error = string.Empty;
        var trimmed = text?.Trim() ?? string.Empty;
        if (TryParseUnixSeconds(trimmed, out time) || TryParseIso(trimmed, out time))
        {
            return true;
        }
        error = $"{optionName} '{Printable(text)}' is not a time: use ISO-8601 (2025-06-02T08:00:00Z, UTC unless a zone is given) or Unix seconds (1748851200)";
        return false;
    }

    /// <summary>Parses both bounds (either may be null) and checks that <c>from</c> is before <c>to</c>.</summary>
    public static bool TryParseWindow(string? from, string? to, out TimeWindow window, out string error)
    {
        window = default;
        PacketTime? f = null;
        PacketTime? t = null;
        if (from is not null)
        {
            if (!TryParse(from, "--from", out var parsed, out error))
            {
                return false;
            }
            f = parsed;
        }
        if (to is not null)
        {
            if (!TryParse(to, "--to", out var parsed, out error))
            {
                return false;
            }
            t = parsed;
        }
        window = new TimeWindow(f, t);
        if (!window.IsValid)
        {
            error = $"--from {Format(f!.Value)} is not before --to {Format(t!.Value)}: the window [from, to) would be empty";
            return false;
        }
        error = string.Empty;
        return true;
    }

    /// <summary><c>2025-06-02T08:00:00Z</c>, with fractional seconds only when there are any.</summary>
    public static string Format(PacketTime time)
    {
        var dto = time.ToDateTimeOffset();
        return dto.ToString(dto.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    private static bool TryParseUnixSeconds(string text, out PacketTime time)
    {
        time = default;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? string.Empty : text[(dot + 1)..];
        if (whole.Length is 0 or > 11 || fraction.Length > 9 || (dot >= 0 && fraction.Length == 0)
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }
        var seconds = long.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture);
        var nanos = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(9, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        if (seconds > 253_402_300_799)     // 9999-12-31T23:59:59Z, as far as DateTimeOffset goes
        {
            return false;
        }
        time = PacketTime.FromSeconds(seconds, nanos);
        return true;
    }

    private static bool TryParseIso(string text, out PacketTime time)
    {
        time = default;
        if (!DateTimeOffset.TryParseExact(text, s_formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            || parsed < DateTimeOffset.UnixEpoch)
        {
            return false;
        }
        time = new PacketTime((parsed.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100);
        return true;
    }

    private static string[] BuildFormats()
    {
        var formats = new List<string> { "yyyy-MM-dd", "yyyy-MM-ddK", "yyyy-MM-ddzzz" };
        foreach (var separator in new[] { "'T'", " " })
        {
            foreach (var clock in new[] { "HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF" })
            {
                foreach (var zone in new[] { string.Empty, "K", "zzz", "'Z'" })
                {
                    formats.Add("yyyy-MM-dd" + separator + clock + zone);
                }
            }
        }
        return [.. formats];
    }

    private static string Printable(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }
        var shown = text.Length > 64 ? text[..64] + "..." : text;
        return string.Concat(shown.Select(static c => char.IsControl(c) ? '?' : c));
    }
}
