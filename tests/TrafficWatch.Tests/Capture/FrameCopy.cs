using TrafficWatch.Capture;
using TrafficWatch.Decode;

namespace TrafficWatch.Tests.Capture;

/// <summary>A heap copy of a <see cref="RawFrame"/> so tests can keep frames after the next read.</summary>
public sealed record FrameCopy(byte[] Data, long TimestampNanos, int WireLength, LinkType LinkType, ushort SourceIndex)
{
    public static FrameCopy From(in RawFrame frame)
        => new(frame.Data.ToArray(), frame.Timestamp.Nanoseconds, frame.WireLength, frame.LinkType, frame.SourceIndex);

    /// <summary>Reads a file source to the end (it never returns Timeout).</summary>
    public static List<FrameCopy> ReadAll(IPacketSource source)
    {
        var frames = new List<FrameCopy>();
        while (source.Next(out var frame) == ReadStatus.Packet)
        {
            frames.Add(From(frame));
        }
        return frames;
    }
}
