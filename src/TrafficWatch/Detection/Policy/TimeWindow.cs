using System.Globalization;

namespace TrafficWatch.Detection.Policy;

/// <summary>
/// A time-of-day window such as <c>22:00-06:00</c>: start inclusive, end exclusive, crossing midnight when the end
/// is earlier than the start. <c>24:00</c> is allowed as an end. Evaluated on packet time in the policy's time zone.
/// </summary>
public readonly record struct TimeWindow(int StartSecond, int EndSecond)
{
    public const int SecondsPerDay = 86_400;

    public bool CrossesMidnight => EndSecond < StartSecond;

    /// <param name="secondOfDay">0 to 86399, local time.</param>
    public bool Contains(int secondOfDay)
        => CrossesMidnight
            ? secondOfDay >= StartSecond || secondOfDay < EndSecond
            : secondOfDay >= StartSecond && secondOfDay < EndSecond;

    /// <summary>Parses <c>HH:MM-HH:MM</c> (24-hour clock). Start and end must differ.</summary>
    public static bool TryParse(string text, out TimeWindow window)
    {
        window = default;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || !TryParseClock(text.AsSpan(0, dash).Trim(), allow24: false, out var start)
            || !TryParseClock(text.AsSpan(dash + 1).Trim(), allow24: true, out var end) || (start == end % SecondsPerDay && end != SecondsPerDay))
        {
            return false;
        }
        window = new TimeWindow(start, end);
        return true;
    }

    private static bool TryParseClock(ReadOnlySpan<char> text, bool allow24, out int second)
    {
        second = 0;
        if (text.Length != 5 || text[2] != ':'
            || !int.TryParse(text[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59 || hours > 24 || hours == 24 && (!allow24 || minutes != 0))
        {
            return false;
        }
        second = hours * 3600 + minutes * 60;
        return true;
    }

    public override string ToString()
        => $"{StartSecond / 3600:00}:{StartSecond / 60 % 60:00}-{EndSecond / 3600:00}:{EndSecond / 60 % 60:00}";
}
