using System.Globalization;

namespace TrafficWatch.Detection;

/// <summary>
/// <c>exfil-volume</c>: a device's upload to external addresses, summed over a sliding window of packet time, is
/// above a fixed limit (restricted devices) or far above the device's own learned hourly baseline.
/// <para>
/// Upload means bytes from the device to an external address (<see cref="FlowFacts.DeltaBytesOut"/> of flows with
/// <see cref="FlowFacts.DestinationIsExternal"/>), whoever started the session: a camera that streams video to an
/// outside viewer is leaking as surely as one that pushes it. Bytes received (downloads) never count. Every flow
/// event adds to the same per-device window, so a slow drip over many small flows adds up. At most one alert per
/// device per window length.
/// </para>
/// Called per flow event on the detection thread; state is one small ring per device, bounded by
/// <see cref="ExfilVolumeOptions.MaxDevices"/>.
/// </summary>
public sealed class ExfilVolumeDetector : IDetector
{
    private static readonly Func<ExfilVolumeDetector, ExfilDeviceState> s_create = static d => new ExfilDeviceState(d._bucketCount, d._creatingAt);

    private readonly ExfilVolumeOptions _options;
    private readonly BoundedStateTable<ulong, ExfilDeviceState> _devices;
    private readonly int _bucketCount;
    private readonly long _bucketNs;
    private readonly long _windowNs;
    private readonly long _learningNs;
    private long _creatingAt;

    public ExfilVolumeDetector(ExfilVolumeOptions options)
    {
        options.Validate();
        _options = options;
        _bucketCount = options.WindowSeconds / options.BucketSeconds;
        _bucketNs = options.BucketSeconds * PacketTime.NanosPerSecond;
        _windowNs = options.WindowSeconds * PacketTime.NanosPerSecond;
        _learningNs = options.BaselineLearningSeconds * PacketTime.NanosPerSecond;
        _devices = new BoundedStateTable<ulong, ExfilDeviceState>(options.MaxDevices);
    }

    public string Rule => AlertRules.ExfilVolume.Rule;

    /// <summary>Devices currently tracked (at most <see cref="ExfilVolumeOptions.MaxDevices"/>).</summary>
    public int TrackedDevices => _devices.Count;

    /// <summary>Devices forgotten to stay within the bound.</summary>
    public long EvictedDevices => _devices.Evicted;

    public void OnFlow(FlowFacts flow, IAlertSink alerts)
    {
        if (!_options.Enabled || !flow.DestinationIsExternal || flow.DeltaBytesOut <= 0
            || (!flow.DeviceIsInitiator && !_options.CountInboundSessions)
            || (!flow.DeviceRestricted && !_options.WatchUnrestricted))
        {
            return;
        }
        var now = flow.Time.Nanoseconds;
        _creatingAt = now;
        var state = _devices.GetOrAdd(flow.Device.Mac.Value, now, s_create, this, out _);

        CloseHours(state, now / (3_600 * PacketTime.NanosPerSecond));
        state.HourBytes += flow.DeltaBytesOut;
        Add(state, now, flow.DeltaBytesOut);
        if (state.TopDestination is null || now - state.TopTime > _windowNs || flow.BytesOut >= state.TopBytes)
        {
            state.TopDestination = flow.Destination;
            state.TopBytes = flow.BytesOut;
            state.TopTime = now;
            state.TopFlowId = flow.FlowId;
        }

        if (now < state.QuietUntil)
        {
            return;
        }
        var threshold = flow.DeviceRestricted
            ? _options.ClassThresholdBytes.GetValueOrDefault(flow.Device.Class, _options.ThresholdBytes)
            : long.MaxValue;
        var fixedHit = state.WindowSum > threshold;
        var learned = now - state.FirstSeen >= _learningNs && state.HoursClosed > 0;
        var baseline = learned ? Math.Max(_options.BaselineFactor * state.Ewma, _options.BaselineFloorBytes) : double.PositiveInfinity;
        var baselineHit = state.WindowSum > baseline;
        if (!fixedHit && !baselineHit)
        {
            return;
        }
        state.QuietUntil = now + _windowNs;
        alerts.OnAlert(BuildAlert(flow, state, fixedHit ? threshold : null));
    }

    private void CloseHours(ExfilDeviceState state, long hour)
    {
        if (state.Hour == long.MinValue)
        {
            state.Hour = hour;
            return;
        }
        if (hour <= state.Hour)
        {
            return;
        }
        var alpha = _options.BaselineSmoothing;
        state.Ewma = state.HoursClosed == 0 ? state.HourBytes : alpha * state.HourBytes + (1 - alpha) * state.Ewma;
        state.HoursClosed++;
        var quietHours = Math.Min(hour - state.Hour - 1, 24 * 14);
        for (var i = 0; i < quietHours; i++)
        {
            state.Ewma *= 1 - alpha;                                 // hours without upload count as zero
            state.HoursClosed++;
        }
        state.HourBytes = 0;
        state.Hour = hour;
    }

    private void Add(ExfilDeviceState state, long now, long bytes)
    {
        var bucket = now / _bucketNs;
        var ring = state.Buckets;
        if (state.NewestBucket == long.MinValue)
        {
            state.NewestBucket = bucket;
        }
        else if (bucket > state.NewestBucket)
        {
            var steps = bucket - state.NewestBucket;
            if (steps >= ring.Length)
            {
                Array.Clear(ring);
                state.WindowSum = 0;
            }
            else
            {
                for (var k = 1; k <= steps; k++)
                {
                    var i = (int)((state.NewestBucket + k) % ring.Length);
                    state.WindowSum -= ring[i];
                    ring[i] = 0;
                }
            }
            state.NewestBucket = bucket;
        }
        // A late event (another thread's clock slightly behind) counts in the newest bucket.
        ring[(int)(state.NewestBucket % ring.Length)] += bytes;
        state.WindowSum += bytes;
    }

    private long EvidenceStart(ExfilDeviceState state)
    {
        var ring = state.Buckets;
        for (var k = ring.Length - 1; k >= 0; k--)
        {
            var bucket = state.NewestBucket - k;
            if (ring[(int)(bucket % ring.Length)] != 0)
            {
                return bucket * _bucketNs;
            }
        }
        return state.NewestBucket * _bucketNs;
    }

    private Alert BuildAlert(FlowFacts flow, ExfilDeviceState state, long? threshold)
    {
        var device = flow.Device;
        var sum = state.WindowSum;
        var top = state.TopDestination!;
        var topBytes = Math.Min(state.TopBytes, sum);
        var where = topBytes * 10 >= sum * 9
            ? $"{AlertText.Bytes(sum)} to {AlertText.Destination(top)}"
            : $"{AlertText.Bytes(sum)} to internet addresses ({AlertText.Bytes(topBytes)} of it to {AlertText.Destination(top)})";
        var period = AlertText.LastPeriod(_options.WindowSeconds);
        var per = _options.WindowSeconds == 3_600 ? "an hour" : AlertText.Duration(_options.WindowSeconds);
        string explanation;
        if (threshold is { } limit)
        {
            explanation = $"{AlertText.Device(device)} sent {where} in {period}; {AlertText.ClassPlural(device.Class)} "
                + $"should send almost nothing outside the council network, and more than {AlertText.Bytes(limit)} in {per} is treated as a possible data leak.";
        }
        else
        {
            var usual = Math.Max(state.Ewma, 1);
            var ratio = (sum / usual).ToString(sum / usual < 100 ? "0" : "#,0", CultureInfo.InvariantCulture);
            explanation = $"{AlertText.Device(device)} sent {where} in {period}, {ratio} times its usual "
                + $"{AlertText.Bytes((long)state.Ewma)} per hour, which may mean data is being copied out.";
        }
        return AlertText.Create(AlertRules.ExfilVolume, flow.Time, device, explanation) with
        {
            Destination = top,
            BytesOut = sum,
            FirstSeen = new PacketTime(EvidenceStart(state)),
            LastSeen = flow.Time,
            FlowId = state.TopFlowId,
            Advice = "Find out what the device is sending and to whom; if nobody expects it, cut its internet access and ask the supplier.",
        };
    }
}
