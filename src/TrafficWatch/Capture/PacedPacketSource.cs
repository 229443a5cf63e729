using System.Diagnostics;

namespace TrafficWatch.Capture;

/// <summary>
/// Hands out an inner source's frames no faster than their packet time allows (<c>replay --speed</c>): frame N is
/// returned when <c>(time(N) - time(first)) / multiplier</c> of wall-clock time has passed since the first frame,
/// for feeding a live stack (InfluxDB, Grafana, alert mail) from a recording. Sleeps on the reading thread, in slices
/// of at least a millisecond; <see cref="Stop"/> wakes it. When the pipeline is slower than the pace nothing sleeps
/// and nothing is dropped. <see cref="PacedSpeed.Max"/> passes frames straight through. Owns the inner source.
/// </summary>
/// <remarks>Wall-clock time here only paces delivery; every result is still computed from packet time.</remarks>
public sealed class PacedPacketSource : IPacketSource
{
    private static readonly TimeSpan s_minimumSleep = TimeSpan.FromMilliseconds(1);

    private readonly IPacketSource _inner;
    private readonly ManualResetEventSlim _stopped = new(false);
    private long _firstPacket;
    private long _startTimestamp;
    private bool _started;
    private long _sleptTicks;

    /// <param name="inner">The source to pace (owned: disposed with this one).</param>
    /// <param name="speed">The pace; <see cref="PacedSpeed.Max"/> does not sleep.</param>
    public PacedPacketSource(IPacketSource inner, PacedSpeed speed)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        Speed = speed;
        Description = speed.IsMax ? inner.Description : $"{inner.Description}, paced at {speed}";
    }

    public PacedSpeed Speed { get; }

    public string Description { get; }

    /// <summary>Wall-clock time spent sleeping so far.</summary>
    public TimeSpan Slept => TimeSpan.FromTicks(Interlocked.Read(ref _sleptTicks));

    public IReadOnlyList<CaptureError> Errors => _inner.Errors;

    public CaptureStatistics Statistics => _inner.Statistics;

    public long TotalBytes => _inner.TotalBytes;

    public long ConsumedBytes => _inner.ConsumedBytes;

    public ReadStatus Next(out RawFrame frame)
    {
        var status = _inner.Next(out frame);
        if (status != ReadStatus.Packet || Speed.IsMax)
        {
            return status;
        }
        var time = frame.Timestamp.Nanoseconds;
        if (!_started)
        {
            _started = true;
            _firstPacket = time;
            _startTimestamp = Stopwatch.GetTimestamp();
            return status;
        }
        var due = TimeSpan.FromTicks((long)(Math.Max(0, time - _firstPacket) / 100 / Speed.Multiplier));
        var wait = due - Stopwatch.GetElapsedTime(_startTimestamp);
        if (wait >= s_minimumSleep && !_stopped.IsSet)
        {
            var before = Stopwatch.GetTimestamp();
            _stopped.Wait(wait);
            Interlocked.Add(ref _sleptTicks, Stopwatch.GetElapsedTime(before).Ticks);
        }
        return status;
    }

    /// <summary>Wakes a sleeping <see cref="Next"/> and stops the inner source (the frame in hand is still returned).</summary>
    public void Stop()
    {
        _stopped.Set();
        _inner.Stop();
    }

    public void Dispose()
    {
        _inner.Dispose();
        _stopped.Dispose();
    }
}
