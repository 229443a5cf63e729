using TrafficWatch.Capture;

namespace TrafficWatch.Outputs.Evidence;

/// <summary>What an extraction wrote.</summary>
public sealed record EvidenceResult
{
    /// <summary>Frames read from the inputs (first pass).</summary>
    public required long FramesRead { get; init; }

    /// <summary>Frames written to the evidence file.</summary>
    public required long Packets { get; init; }

    /// <summary>Sum of the written frames' wire lengths (what flow records count).</summary>
    public required long WireBytes { get; init; }

    public PacketTime? FirstPacket { get; init; }

    public PacketTime? LastPacket { get; init; }

    /// <summary>Link type of the written file (LINKTYPE_ number), 0 when nothing was written.</summary>
    public int LinkType { get; init; }

    /// <summary>Problems with the inputs (the readable part was still used).</summary>
    public required IReadOnlyList<CaptureError> InputErrors { get; init; }
}
