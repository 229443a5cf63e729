using TrafficWatch.Decode;

namespace TrafficWatch.Outputs.Report;

/// <summary>
/// Accumulates the report's chart data while a replay runs (call on the flow thread, from flow deltas or end
/// records): bytes per interval per zone and per device, and outbound bytes per country. Bounded: at most
/// <see cref="MaxPoints"/> intervals per line; when the capture is longer, the interval doubles and neighbouring
/// values merge, so a week-long replay costs the same memory as a ten-minute one. Deterministic: the output depends
/// only on the values added and their packet times.
/// </summary>
public sealed class ReportSeriesBuilder
{
    public const int MaxPoints = 240;

    private readonly Dictionary<string, long[]> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<MacAddress, long[]> _devices = [];
    private readonly Dictionary<string, long> _countries = new(StringComparer.Ordinal);
    private long _startNs = long.MinValue;
    private long _intervalNs;
    private int _points;

    /// <param name="intervalSeconds">Initial interval (doubles as needed).</param>
    public ReportSeriesBuilder(int intervalSeconds = 60)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalSeconds, 1);
        _intervalNs = intervalSeconds * PacketTime.NanosPerSecond;
    }

    /// <summary>Bytes seen at <paramref name="time"/> for a device in <paramref name="zone"/> (null: "unzoned").</summary>
    public void Add(PacketTime time, MacAddress device, string? zone, long bytes)
    {
        var i = IndexOf(time);
        Line(_zones, zone ?? "unzoned")[i] += bytes;
        Line(_devices, device)[i] += bytes;
        _points = Math.Max(_points, i + 1);
    }

    /// <summary>Bytes sent from inside to an address GeoIP places in <paramref name="country"/> (null: unknown, shown as <c>??</c>).</summary>
    public void AddOutbound(string? country, long bytes)
    {
        var key = string.IsNullOrEmpty(country) ? "??" : country;
        _countries[key] = _countries.GetValueOrDefault(key) + bytes;
    }

    /// <summary>
    /// The series: zones by name, the given flagged devices in the given order (labelled as given), countries largest
    /// first (then by code).
    /// </summary>
    public ReportSeries Build(IEnumerable<(MacAddress Mac, string Label)> flaggedDevices)
    {
        ArgumentNullException.ThrowIfNull(flaggedDevices);
        var points = Math.Max(_points, 0);
        return new ReportSeries
        {
            Start = _startNs == long.MinValue ? PacketTime.Zero : new PacketTime(_startNs),
            IntervalSeconds = (int)(_intervalNs / PacketTime.NanosPerSecond),
            Zones = [.. _zones.OrderBy(static z => z.Key, StringComparer.Ordinal)
                .Select(z => new ReportSeriesLine { Label = z.Key, Bytes = z.Value[..points] })],
            FlaggedDevices = [.. flaggedDevices.Select(d => new ReportSeriesLine
            {
                Label = d.Label,
                Bytes = _devices.TryGetValue(d.Mac, out var values) ? values[..points] : new long[points],
            })],
            OutboundByCountry = [.. _countries.OrderByDescending(static c => c.Value).ThenBy(static c => c.Key, StringComparer.Ordinal)
                .Select(static c => new ReportCountryBytes { Country = c.Key, Bytes = c.Value })],
        };
    }

    private int IndexOf(PacketTime time)
    {
        var ns = time.Nanoseconds;
        if (_startNs == long.MinValue)
        {
            _startNs = time.FloorTo(_intervalNs).Nanoseconds;                      // aligned to the interval
        }
        if (ns < _startNs)
        {
            ns = _startNs;                                                        // out-of-order frames before the start
        }
        var index = (ns - _startNs) / _intervalNs;
        while (index >= MaxPoints)
        {
            Widen();
            index = (ns - _startNs) / _intervalNs;
        }
        return (int)index;
    }

    /// <summary>Doubles the interval: value i of the new series is the sum of values 2i and 2i+1.</summary>
    private void Widen()
    {
        static void Merge(long[] values)
        {
            for (var i = 0; i < MaxPoints / 2; i++)
            {
                values[i] = values[2 * i] + values[2 * i + 1];
            }
            Array.Clear(values, MaxPoints / 2, MaxPoints - MaxPoints / 2);
        }
        foreach (var v in _zones.Values)
        {
            Merge(v);
        }
        foreach (var v in _devices.Values)
        {
            Merge(v);
        }
        _intervalNs *= 2;
        _points = (_points + 1) / 2;
    }

    private static long[] Line<TKey>(Dictionary<TKey, long[]> lines, TKey key)
        where TKey : notnull
    {
        if (!lines.TryGetValue(key, out var values))
        {
            values = new long[MaxPoints];
            lines[key] = values;
        }
        return values;
    }
}
