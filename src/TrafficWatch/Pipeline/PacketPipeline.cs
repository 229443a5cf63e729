using System.Diagnostics;
using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Flows;

namespace TrafficWatch.Pipeline;

/// <summary>
/// The engine: frames from an <see cref="IPacketSource"/> are decoded in place and handed, as
/// <see cref="PacketMeta"/> values, to the flow table, which calls the flow sink when flows end.
/// With two threads the capture+decode loop and the flow loop run in parallel, joined by an
/// <see cref="SpscRing{T}"/>; the order of packets reaching the flow table is the same either way,
/// so output is deterministic.
/// </summary>
public sealed class PacketPipeline
{
    private readonly IPacketSource _source;
    private readonly FlowTable _flows;
    private readonly PipelineOptions _options;
    private readonly PipelineStatistics _stats = new();
    private volatile bool _stopRequested;
    private long _packetsAtLastTick = -1;
    private long _wallAtLastPacket;

    public PacketPipeline(IPacketSource source, FlowTable flows, PipelineOptions options)
    {
        _source = source;
        _flows = flows;
        _options = options;
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

    /// <summary>Runs until the source is exhausted or <see cref="RequestStop"/>; flushes every flow at the end.</summary>
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
        clock.Stop();
        _stats.Elapsed = clock.Elapsed;
        _stats.Errors = _source.Errors;
        return _stats;
    }

    private void RunInline()
    {
        var meta = default(PacketMeta);
        while (!_stopRequested)
        {
            var status = _source.Next(out var frame);
            if (status == ReadStatus.EndOfInput)
            {
                break;
            }
            if (status == ReadStatus.Timeout)
            {
                _flows.AdvanceTime(IdleTime());
                continue;
            }
            if (DecodeFrame(in frame, ref meta))
            {
                _flows.Process(ref meta);
            }
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
        while (!_stopRequested)
        {
            var status = _source.Next(out var frame);
            if (status == ReadStatus.EndOfInput)
            {
                break;
            }
            if (status == ReadStatus.Timeout)
            {
                // A tick: no flow key, only a time for the flow thread to expire idle flows by.
                meta = default;
                meta.Timestamp = IdleTime();
            }
            else if (!DecodeFrame(in frame, ref meta))
            {
                continue;
            }
            int slot;
            if (!ring.TryReserve(out slot))
            {
                if (dropWhenFull)
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
                ref var meta = ref ring[slot];
                if (meta.HasFlowKey)
                {
                    _flows.Process(ref meta);
                }
                else
                {
                    _flows.AdvanceTime(meta.Timestamp);
                }
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

    /// <summary>Decodes one frame into <paramref name="meta"/>; true when it belongs to a flow.</summary>
    private bool DecodeFrame(in RawFrame frame, ref PacketMeta meta)
    {
        // The decoder clears every field it owns; the capture fields are set here.
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
        if (decodeEvent != DecodeEvent.None)
        {
            _stats.DecodeEvents.Increment(decodeEvent);
        }
        if (!meta.HasFlowKey)
        {
            return false;
        }
        _stats.FlowPackets++;
        return true;
    }
}
