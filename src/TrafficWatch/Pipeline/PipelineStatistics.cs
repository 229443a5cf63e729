using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Flows;

namespace TrafficWatch.Pipeline;

/// <summary>What a run did, for the final summary and the sensor metrics. Fields are updated by their owning thread.</summary>
public sealed class PipelineStatistics
{
    /// <summary>Frames read from the source.</summary>
    public long Packets;

    /// <summary>Wire bytes of those frames.</summary>
    public long Bytes;

    /// <summary>Frames that carried a flow key (IP).</summary>
    public long FlowPackets;

    /// <summary>Frames dropped because the flow thread could not keep up (live capture only).</summary>
    public long QueueDrops;

    public DecodeCounters DecodeEvents { get; } = new();

    public FlowTableCounters? Flows { get; internal set; }

    /// <summary>Application messages parsed on the slow path (null when no app-layer observer was given).</summary>
    public Decode.App.AppLayerCounters? AppLayer { get; internal set; }

    public CaptureStatistics? Capture { get; internal set; }

    public IReadOnlyList<CaptureError> Errors { get; internal set; } = [];

    public PacketTime FirstPacket { get; internal set; }

    public PacketTime LastPacket { get; internal set; }

    public TimeSpan Elapsed { get; internal set; }

    public double PacketsPerSecond => Elapsed.TotalSeconds > 0 ? Packets / Elapsed.TotalSeconds : 0;
}
