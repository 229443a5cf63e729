namespace TrafficWatch.Detection;

/// <summary>Order statistics used by the beaconing score (RITA's Bowley skewness and median absolute deviation).</summary>
internal static class RobustStats
{
    /// <summary>Quantile of sorted values by linear interpolation (the R-7 / numpy default).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.Length == 1)
        {
            return sorted[0];
        }
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>
    /// Regularity in [0, 1] of the values (sorted in place): the mean of a symmetry score, 1 - |Bowley skewness|,
    /// and a dispersion score, 1 - MADM / (<paramref name="maxRelativeDeviation"/> x median), floored at 0.
    /// <paramref name="scratch"/> must be as long as <paramref name="values"/>.
    /// </summary>
    public static double Regularity(Span<double> values, Span<double> scratch, double maxRelativeDeviation, out double median, out double madm)
    {
        values.Sort();
        var q1 = Quantile(values, 0.25);
        median = Quantile(values, 0.5);
        var q3 = Quantile(values, 0.75);
        var skew = q3 - q1 > 1e-9 ? (q3 + q1 - 2 * median) / (q3 - q1) : 0;
        for (var i = 0; i < values.Length; i++)
        {
            scratch[i] = Math.Abs(values[i] - median);
        }
        var deviations = scratch[..values.Length];
        deviations.Sort();
        madm = Quantile(deviations, 0.5);
        var dispersion = median > 0 ? Math.Max(0, 1 - madm / (maxRelativeDeviation * median)) : (madm == 0 ? 1 : 0);
        return (1 - Math.Abs(skew) + dispersion) / 2;
    }
}
