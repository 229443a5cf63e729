using System.Globalization;

namespace TrafficWatch.Capture;

/// <summary>
/// How fast <c>replay --speed</c> feeds packets: <c>max</c> (as fast as the pipeline reads, the default),
/// <c>realtime</c> (the capture's own pace) or a multiplier of it (<c>10</c>: ten times faster; <c>0.5</c>: half speed).
/// </summary>
public readonly record struct PacedSpeed
{
    /// <summary>The largest multiplier accepted; above it pacing would only ever sleep in sub-millisecond slices.</summary>
    public const double MaxMultiplier = 1_000_000;

    private PacedSpeed(double multiplier) => Multiplier = multiplier;

    /// <summary>No pacing.</summary>
    public static PacedSpeed Max => default;

    /// <summary>The capture's own pace.</summary>
    public static PacedSpeed Realtime => new(1);

    /// <summary>Packet time runs <see cref="Multiplier"/> times faster than the wall clock; 0 for <see cref="Max"/>.</summary>
    public double Multiplier { get; }

    public bool IsMax => Multiplier == 0;

    /// <param name="multiplier">Greater than 0, at most <see cref="MaxMultiplier"/>.</param>
    public static PacedSpeed Times(double multiplier)
    {
        if (!(multiplier > 0 && multiplier <= MaxMultiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, $"speed must be above 0 and at most {MaxMultiplier}");
        }
        return new PacedSpeed(multiplier);
    }

    /// <summary>Parses <c>max</c>, <c>realtime</c> or a positive number (a trailing <c>x</c> is allowed: <c>10x</c>).</summary>
    public static bool TryParse(string? text, out PacedSpeed speed, out string error)
    {
        speed = Max;
        error = string.Empty;
        var t = text?.Trim() ?? string.Empty;
        if (t.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (t.Equals("realtime", StringComparison.OrdinalIgnoreCase))
        {
            speed = Realtime;
            return true;
        }
        var number = t.EndsWith('x') || t.EndsWith('X') ? t[..^1] : t;
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= MaxMultiplier)
        {
            speed = new PacedSpeed(n);
            return true;
        }
        var shown = string.Concat((text ?? string.Empty).Take(32).Select(static c => char.IsControl(c) ? '?' : c));
        error = $"--speed '{shown}' is not realtime, max or a multiplier above 0 (e.g. 10 for ten times the capture's pace)";
        return false;
    }

    public override string ToString() => IsMax ? "max" : Multiplier == 1 ? "realtime" : Multiplier.ToString("0.###", CultureInfo.InvariantCulture) + "x";
}
