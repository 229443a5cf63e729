using System.Globalization;

namespace TrafficWatch.Detection;

/// <summary>
/// <c>beaconing</c>: a device connects to one destination (address, protocol, port) at regular intervals with
/// connections of regular size, the way remote-controlled malware checks in with its controller. Scored online
/// in RITA's way on the most recent <see cref="BeaconingOptions.MaxSamples"/> connections: for the intervals
/// between connection starts and for the connection sizes (bytes both ways, known when a connection ends), a
/// symmetry score (1 - |Bowley skewness|) and a dispersion score (1 - median absolute deviation relative to the
/// median, reaching 0 at <see cref="BeaconingOptions.MaxRelativeDeviation"/>) are averaged; the final score
/// weighs intervals twice as much as sizes: (2 x interval + size) / 3. Sizes count only once three connections
/// have ended (until then the interval score stands in).
/// </summary>
public sealed class BeaconingDetector : IDetector
{
    private readonly int[] _ignoredPorts;
    private readonly BeaconingOptions _options;
    private readonly BoundedStateTable<(ulong Mac, UInt128 Address, ushort Port, byte Protocol), BeaconPair> _pairs;
    private readonly long[] _times;
    private readonly double[] _values;
    private readonly double[] _scratch;
    private readonly long _minSpanNs;
    private readonly long _cooldownNs;
    private long _creatingAt;

    public BeaconingDetector(BeaconingOptions options)
    {
        options.Validate();
        _options = options;
        _ignoredPorts = options.EffectiveIgnoredPorts;
        _pairs = new(options.MaxPairs);
        _times = new long[options.MaxSamples];
        _values = new double[options.MaxSamples];
        _scratch = new double[options.MaxSamples];
        _minSpanNs = options.MinSpanSeconds * PacketTime.NanosPerSecond;
        _cooldownNs = options.CooldownSeconds * PacketTime.NanosPerSecond;
    }

    public string Rule => AlertRules.Beaconing.Rule;

    /// <summary>(device, destination) pairs tracked (at most <see cref="BeaconingOptions.MaxPairs"/>).</summary>
    public int TrackedPairs => _pairs.Count;

    public void OnFlow(FlowFacts flow, IAlertSink alerts)
    {
        if (!_options.Enabled || flow.Kind == FlowFactsKind.Update || !flow.DeviceIsInitiator
            || (_options.RestrictedOnly && !flow.DeviceRestricted) || (_options.ExternalOnly && !flow.DestinationIsExternal)
            || (_options.IgnoreVendorClouds && flow.VendorCloud is not null)
            || Array.IndexOf(_ignoredPorts, flow.Destination.Port) >= 0)
        {
            return;
        }
        var d = flow.Destination;
        var key = (flow.Device.Mac.Value, d.Address, d.Port, d.Protocol);
        var now = flow.Time.Nanoseconds;
        if (flow.Kind == FlowFactsKind.End)
        {
            if (_pairs.Peek(key, out var ended))
            {
                ended.Sizes[(int)(ended.Ends++ % ended.Sizes.Length)] = flow.BytesOut + flow.BytesIn;
            }
            return;
        }
        _creatingAt = flow.FlowStart.Nanoseconds;
        var pair = _pairs.GetOrAdd(key, now, static x => new BeaconPair(x._options.MaxSamples, x._creatingAt), this, out _);
        pair.StartTimes[(int)(pair.Starts++ % pair.StartTimes.Length)] = flow.FlowStart.Nanoseconds;
        if (pair.Starts < _options.MinConnections || flow.FlowStart.Nanoseconds - pair.FirstStart < _minSpanNs || now < pair.QuietUntil)
        {
            return;
        }
        var score = Score(pair, out var period, out var deviation, out var sizeScore, out var size);
        if (score < _options.ScoreThreshold || period < _options.MinPeriodSeconds)
        {
            return;
        }
        pair.QuietUntil = now + _cooldownNs;
        alerts.OnAlert(BuildAlert(flow, pair, period, deviation, sizeScore >= _options.ScoreThreshold ? size : null, score));
    }

    /// <summary>The regularity score of the pair's recent connections, with the median interval and its deviation in seconds.</summary>
    internal double Score(BeaconPair pair, out double period, out double deviation, out double sizeScore, out double size)
    {
        var n = (int)Math.Min(pair.Starts, pair.StartTimes.Length);
        var times = _times.AsSpan(0, n);
        pair.StartTimes.AsSpan(0, n).CopyTo(times);
        times.Sort();
        var intervals = _values.AsSpan(0, n - 1);
        for (var i = 1; i < n; i++)
        {
            intervals[i - 1] = (times[i] - times[i - 1]) / (double)PacketTime.NanosPerSecond;
        }
        var intervalScore = RobustStats.Regularity(intervals, _scratch, _options.MaxRelativeDeviation, out period, out deviation);
        var m = (int)Math.Min(pair.Ends, pair.Sizes.Length);
        sizeScore = intervalScore;
        size = 0;
        if (m >= 3)
        {
            var sizes = _values.AsSpan(0, m);
            for (var i = 0; i < m; i++)
            {
                sizes[i] = pair.Sizes[i];
            }
            sizeScore = RobustStats.Regularity(sizes, _scratch, _options.MaxRelativeDeviation, out size, out _);
        }
        return (2 * intervalScore + sizeScore) / 3;
    }

    private Alert BuildAlert(FlowFacts flow, BeaconPair pair, double period, double deviation, double? size, double score)
    {
        var sizes = size is { } s ? $", each about {AlertText.Bytes((long)Math.Round(s))}" : "";
        var span = (flow.FlowStart.Nanoseconds - pair.FirstStart) / PacketTime.NanosPerSecond;
        var explanation = string.Create(CultureInfo.InvariantCulture,
            $"{AlertText.Device(flow.Device)} connected to {AlertText.Destination(flow.Destination, withPort: true)} every "
            + $"{Seconds(period)} ±{Seconds(deviation)}, {pair.Starts} connections over {AlertText.Duration(span)}{sizes} "
            + $"(regularity {score:0.00}); clockwork check-ins like this are how remote-controlled malware keeps in touch.");
        return AlertText.Create(AlertRules.Beaconing, flow.Time, flow.Device, explanation) with
        {
            Destination = flow.Destination,
            BytesOut = flow.BytesOut,
            BytesIn = flow.BytesIn,
            FirstSeen = new PacketTime(pair.FirstStart),
            LastSeen = flow.Time,
            FlowId = flow.FlowId,
            Advice = "Find out which program on the device makes these connections; if the supplier cannot explain them, isolate the device.",
        };
    }

    private static string Seconds(double seconds) => seconds switch
    {
        < 10 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s"),
        < 600 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min"),
    };
}
