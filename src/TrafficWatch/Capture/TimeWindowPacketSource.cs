namespace TrafficWatch.Capture;

/// <summary>
/// Delivers only the frames of an inner source whose packet time is inside a <see cref="TimeWindow"/>
/// (<c>replay --from/--to</c>). Frames outside are skipped in the read loop (no decode, no copy) and counted in
/// <see cref="CaptureStatistics.SkippedOutsideWindow"/>. The decorator owns the inner source and disposes it.
/// </summary>
/// <remarks>
/// <para>Files are merged in time order, so once a frame at or after <c>To + reorder tolerance</c> has been read
/// nothing later can fall inside the window: reading stops there (<see cref="StoppedAfterWindow"/>), and frames not
/// read are not counted. The tolerance (default 60 s of packet time) keeps the few frames a capture stores slightly
/// out of order. The result does not depend on where reading stops.</para>
/// <para><see cref="ConsumedBytes"/> is projected for progress and ETA: it is the larger of the bytes read and the
/// share of the packet time from the first frame to <c>To</c> already read, and equals <see cref="TotalBytes"/> once
/// reading stopped, so a window ending early in a large capture still reaches 100 %.</para>
/// </remarks>
public sealed class TimeWindowPacketSource : IPacketSource
{
    /// <summary>Default packet time read past <c>To</c> before stopping, for frames stored slightly out of order.</summary>
    public static readonly TimeSpan DefaultReorderTolerance = TimeSpan.FromSeconds(60);

    private readonly IPacketSource _inner;
    private readonly long _from;
    private readonly long _to;
    private readonly long _stopAt;
    private long _firstSeen = long.MinValue;
    private long _lastSeen = long.MinValue;
    private volatile bool _finished;

    /// <param name="inner">The source to filter (owned: disposed with this one).</param>
    /// <param name="window">The window; an unbounded one passes every frame.</param>
    /// <param name="reorderTolerance">Packet time read past <c>To</c> before stopping; default <see cref="DefaultReorderTolerance"/>.</param>
    public TimeWindowPacketSource(IPacketSource inner, TimeWindow window, TimeSpan? reorderTolerance = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!window.IsValid)
        {
            throw new ArgumentException($"Empty time window {window}", nameof(window));
        }
        var tolerance = reorderTolerance ?? DefaultReorderTolerance;
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero, nameof(reorderTolerance));
        _inner = inner;
        Window = window;
        _from = window.From?.Nanoseconds ?? long.MinValue;
        _to = window.To?.Nanoseconds ?? long.MaxValue;
        _stopAt = window.To is { } to ? SaturatingAdd(to.Nanoseconds, tolerance.Ticks * 100) : long.MaxValue;
        Description = $"{inner.Description}, packet time {window}";
    }

    public TimeWindow Window { get; }

    public string Description { get; }

    /// <summary>True once a frame far enough past <c>To</c> was read and reading stopped.</summary>
    public bool StoppedAfterWindow { get; private set; }

    public IReadOnlyList<CaptureError> Errors => _inner.Errors;

    /// <summary>The inner source's statistics, with <see cref="CaptureStatistics.SkippedOutsideWindow"/> kept here.</summary>
    public CaptureStatistics Statistics => _inner.Statistics;

    public long TotalBytes => _inner.TotalBytes;

    public long ConsumedBytes
    {
        get
        {
            var total = _inner.TotalBytes;
            if (_finished && total > 0)
            {
                return total;
            }
            var consumed = _inner.ConsumedBytes;
            var first = Volatile.Read(ref _firstSeen);
            var last = Volatile.Read(ref _lastSeen);
            if (total <= 0 || _to == long.MaxValue || first == long.MinValue || _to <= first)
            {
                return consumed;
            }
            var share = Math.Clamp((last - first) / (double)(_to - first), 0, 1);
            return Math.Max(consumed, (long)(share * total));
        }
    }

    public ReadStatus Next(out RawFrame frame)
    {
        if (_finished)
        {
            frame = default;
            return ReadStatus.EndOfInput;
        }
        while (true)
        {
            var status = _inner.Next(out frame);
            if (status != ReadStatus.Packet)
            {
                if (status == ReadStatus.EndOfInput)
                {
                    _finished = true;
                }
                return status;
            }
            var time = frame.Timestamp.Nanoseconds;
            if (_firstSeen == long.MinValue)
            {
                Volatile.Write(ref _firstSeen, time);
            }
            if (time > _lastSeen)
            {
                Volatile.Write(ref _lastSeen, time);
            }
            if (time >= _from && time < _to)
            {
                return ReadStatus.Packet;
            }
            _inner.Statistics.SkippedOutsideWindow++;
            if (time >= _stopAt)
            {
                StoppedAfterWindow = true;
                _finished = true;
                frame = default;
                return ReadStatus.EndOfInput;
            }
        }
    }

    public void Stop() => _inner.Stop();

    public void Dispose() => _inner.Dispose();

    private static long SaturatingAdd(long a, long b) => b > 0 && a > long.MaxValue - b ? long.MaxValue : a + b;
}
