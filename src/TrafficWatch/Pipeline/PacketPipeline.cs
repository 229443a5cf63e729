using System.Diagnostics;
using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Flows;

namespace TrafficWatch.Pipeline;

/// <summary>
/// The engine: frames from an <see cref="IPacketSource"/> are decoded in place and handed, as
/// <see cref="PacketMeta"/> values, to the flow thread, which updates the flow table (ended flows go to its
/// sink) and closes intervals of packet time for the <see cref="IIntervalSink"/>. With two threads the
/// capture+decode loop and the flow loop run in parallel, joined by an <see cref="SpscRing{T}"/>; the flow
/// thread sees the same sequence either way, so all output is deterministic.
/// </summary>
public sealed class PacketPipeline
{
    private readonly IPacketSource _source;
    private readonly FlowTable _flows;
    private readonly PipelineOptions _options;
    private readonly IIntervalSink? _intervals;
    private readonly long _intervalNs;
    private readonly PipelineStatistics _stats = new();
    private readonly AppLayerInspector? _inspector;
    private readonly IAppMessageObserver? _appObserver;
    private volatile bool _stopRequested;
    private long _packetsAtLastTick = -1;
    private long _wallAtLastPacket;

    // Flow-thread state: the open interval and what it has counted so far.
    private long _intervalStart = long.MinValue;
    private long _intervalPackets;
    private long _intervalBytes;
    private long _intervalDecodeErrors;
    private long _newFlowsAtIntervalStart;
    private long _evictedAtIntervalStart;

    /// <param name="source">Where frames come from (files or a live interface).</param>
    /// <param name="flows">The flow table, owned by the flow thread.</param>
    /// <param name="options">Threads and queue sizes.</param>
    /// <param name="intervals">Receives per-interval deltas and summaries (metrics), or null.</param>
    /// <param name="intervalSeconds">Interval length in seconds of packet time.</param>
    /// <param name="appObserver">
    /// When given, packets that carry DNS, DHCP, TLS ClientHello, HTTP, SSDP, ARP or NDP messages are parsed on the
    /// capture thread and the messages handed to it on the flow thread, in packet order. Without it nothing is parsed.
    /// </param>
    public PacketPipeline(IPacketSource source, FlowTable flows, PipelineOptions options, IIntervalSink? intervals = null, int intervalSeconds = 10,
        IAppMessageObserver? appObserver = null)
    {
        _appObserver = appObserver;
        if (appObserver is not null)
        {
            _inspector = new AppLayerInspector();
            _stats.AppLayer = _inspector.Counters;
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalSeconds, 1);
        _source = source;
        _flows = flows;
        _options = options;
        _intervals = intervals;
        _intervalNs = intervalSeconds * PacketTime.NanosPerSecond;
        _stats.Flows = flows.Counters;
        _stats.Capture = source.Statistics;
    }

    /// <summary>Live counters (read racily by progress displays; exact once <see cref="Run"/> returns).</summary>
    public PipelineStatistics Statistics => _stats;

    /// <summary>Stops reading; flows are still flushed by <see cref="Run"/>.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        _source.Stop();
    }

    /// <summary>Runs until the source is exhausted or <see cref="RequestStop"/>; flushes every flow and the last interval at the end.</summary>
    public PipelineStatistics Run()
    {
        var clock = Stopwatch.StartNew();
        if (_options.Threads <= 1)
        {
            RunInline();
        }
        else
        {
            RunPipelined();
        }
        _flows.FlushAll();
        CloseInterval();
        clock.Stop();
        _stats.Elapsed = clock.Elapsed;
        _stats.Errors = _source.Errors;
        return _stats;
    }

    private void RunInline()
    {
        var meta = default(PacketMeta);
        while (!_stopRequested && Produce(ref meta))
        {
            Consume(ref meta);
        }
    }

    private void RunPipelined()
    {
        var ring = new SpscRing<PacketMeta>(_options.QueueCapacity);
        var consumer = new Thread(() => ConsumeLoop(ring))
        {
            Name = "tw-flows",
            IsBackground = true,
        };
        consumer.Start();
        try
        {
            ProduceLoop(ring);
        }
        finally
        {
            ring.Complete();
            consumer.Join();
        }
    }

    private void ProduceLoop(SpscRing<PacketMeta> ring)
    {
        var meta = default(PacketMeta);
        var dropWhenFull = _options.DropWhenFull;
        while (!_stopRequested && Produce(ref meta))
        {
            int slot;
            if (!ring.TryReserve(out slot))
            {
                if (dropWhenFull && !meta.IsTick)
                {
                    _stats.QueueDrops++;
                    continue;
                }
                var spin = new SpinWait();
                while (!ring.TryReserve(out slot))
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }
            }
            ring[slot] = meta;
            ring.Publish();
        }
    }

    private void ConsumeLoop(SpscRing<PacketMeta> ring)
    {
        var spin = new SpinWait();
        while (true)
        {
            if (ring.TryPeek(out var slot))
            {
                Consume(ref ring[slot]);
                ring.Release();
                spin.Reset();
                continue;
            }
            if (ring.IsCompleted)
            {
                // Re-check after seeing completion: the producer may have published just before completing.
                if (!ring.TryPeek(out _))
                {
                    return;
                }
                continue;
            }
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Capture thread: reads and decodes the next frame (or makes an idle tick); false at end of input.</summary>
    private bool Produce(ref PacketMeta meta)
    {
        var status = _source.Next(out var frame);
        if (status == ReadStatus.EndOfInput)
        {
            return false;
        }
        if (status == ReadStatus.Timeout)
        {
            // A tick: no frame, only a time for the flow thread to expire idle flows by.
            meta = default;
            meta.IsTick = true;
            meta.Timestamp = IdleTime();
            return true;
        }
        Decode(in frame, ref meta);
        return true;
    }

    /// <summary>Flow thread: accounts one frame or tick.</summary>
    private void Consume(ref PacketMeta meta)
    {
        if (_intervals is not null)
        {
            AdvanceInterval(meta.Timestamp.Nanoseconds);
        }
        if (meta.IsTick)
        {
            _flows.AdvanceTime(meta.Timestamp);
            return;
        }
        _intervalPackets++;
        _intervalBytes += meta.WireLength;
        if (DecodeEventInfo.IsAnomaly(meta.DecodeResult))
        {
            _intervalDecodeErrors++;
        }
        if (meta.HasFlowKey)
        {
            _flows.Process(ref meta);
        }
        else
        {
            _flows.AdvanceTime(meta.Timestamp);
        }
        if (meta.App is not null)
        {
            _appObserver!.OnAppMessage(_flows, meta.HasFlowKey ? _flows.LastSlot : -1, in meta, meta.App);
            meta.App = null;                                        // the ring slot must not keep it alive
        }
    }

    private void AdvanceInterval(long timestampNs)
    {
        if (_intervalStart == long.MinValue)
        {
            _intervalStart = Align(timestampNs);
            return;
        }
        if (timestampNs >= _intervalStart + _intervalNs)
        {
            CloseInterval();
            _intervalStart = Align(timestampNs);
        }
    }

    private long Align(long timestampNs) => new PacketTime(timestampNs).FloorTo(_intervalNs).Nanoseconds;

    /// <summary>Flow thread: hands the open interval's deltas and summary to the interval sink.</summary>
    private void CloseInterval()
    {
        if (_intervals is null || _intervalStart == long.MinValue)
        {
            return;
        }
        _flows.CollectIntervalDeltas(_intervals);
        var counters = _flows.Counters;
        var capture = _source.Statistics;
        var summary = new IntervalSummary(
            _intervalPackets,
            _intervalBytes,
            _intervalDecodeErrors,
            _flows.ActiveFlows,
            counters.NewFlows - _newFlowsAtIntervalStart,
            counters.Evicted - _evictedAtIntervalStart,
            Volatile.Read(ref _stats.QueueDrops),
            Volatile.Read(ref capture.KernelDrops),
            Volatile.Read(ref capture.InterfaceDrops));
        _intervals.OnIntervalEnd(new PacketTime(_intervalStart), in summary);
        _intervalPackets = 0;
        _intervalBytes = 0;
        _intervalDecodeErrors = 0;
        _newFlowsAtIntervalStart = counters.NewFlows;
        _evictedAtIntervalStart = counters.Evicted;
    }

    /// <summary>
    /// Live capture with no packets: packet time moves on with the wall clock from the last packet seen,
    /// so idle flows still time out. Never used for files (they never return Timeout).
    /// </summary>
    private PacketTime IdleTime()
    {
        var now = Stopwatch.GetTimestamp();
        if (_stats.Packets != _packetsAtLastTick)
        {
            _packetsAtLastTick = _stats.Packets;
            _wallAtLastPacket = now;
        }
        var idle = Stopwatch.GetElapsedTime(_wallAtLastPacket, now);
        return new PacketTime(_stats.LastPacket.Nanoseconds + (long)(idle.TotalMilliseconds * 1_000_000));
    }

    /// <summary>Capture thread: decodes one frame into <paramref name="meta"/> and counts it.</summary>
    private void Decode(in RawFrame frame, ref PacketMeta meta)
    {
        // The decoder clears every field it owns; the capture fields are set here.
        meta.IsTick = false;
        meta.Timestamp = frame.Timestamp;
        meta.WireLength = frame.WireLength;
        meta.CapturedLength = frame.Data.Length;
        meta.LinkType = frame.LinkType;
        meta.SourceIndex = frame.SourceIndex;

        if (_stats.Packets == 0)
        {
            _stats.FirstPacket = frame.Timestamp;
        }
        _stats.Packets++;
        _stats.Bytes += frame.WireLength;
        if (frame.Timestamp > _stats.LastPacket)
        {
            _stats.LastPacket = frame.Timestamp;
        }

        var decodeEvent = PacketDecoder.Decode(frame.LinkType, frame.Data, ref meta);
        meta.DecodeResult = decodeEvent;
        if (decodeEvent != DecodeEvent.None)
        {
            _stats.DecodeEvents.Increment(decodeEvent);
        }
        if (meta.HasFlowKey)
        {
            _stats.FlowPackets++;
        }
        if (_inspector is not null)
        {
            meta.App = _inspector.Inspect(frame.Data, in meta);
        }
    }
}
