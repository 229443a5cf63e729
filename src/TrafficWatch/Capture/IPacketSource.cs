using TrafficWatch.Decode;

namespace TrafficWatch.Capture;

/// <summary>One captured frame as handed to the decoder. <see cref="Data"/> is valid only until the next read.</summary>
public readonly ref struct RawFrame
{
    public RawFrame(ReadOnlySpan<byte> data, PacketTime timestamp, int wireLength, LinkType linkType, ushort sourceIndex)
    {
        Data = data;
        Timestamp = timestamp;
        WireLength = wireLength;
        LinkType = linkType;
        SourceIndex = sourceIndex;
    }

    /// <summary>The captured bytes (caplen).</summary>
    public ReadOnlySpan<byte> Data { get; }

    public PacketTime Timestamp { get; }

    /// <summary>Original length on the wire (orig_len); what flows count.</summary>
    public int WireLength { get; }

    public LinkType LinkType { get; }

    /// <summary>Index of the file or interface this frame came from.</summary>
    public ushort SourceIndex { get; }
}

public enum ReadStatus
{
    /// <summary>A frame was read.</summary>
    Packet,
    /// <summary>Live capture: nothing arrived within the read timeout; call again.</summary>
    Timeout,
    /// <summary>No more packets (all files read, or the live capture was stopped).</summary>
    EndOfInput,
}

/// <summary>A problem with one input: which file, where, and what. Rendered as one line for the user.</summary>
public sealed record CaptureError(string Source, string Message, long? RecordNumber = null, long? ByteOffset = null)
{
    public override string ToString()
    {
        var where = RecordNumber is { } r
            ? ByteOffset is { } o ? $" (record {r}, byte offset {o})" : $" (record {r})"
            : ByteOffset is { } o2 ? $" (byte offset {o2})" : string.Empty;
        return $"{Source}: {Message}{where}";
    }
}

/// <summary>Counters a source keeps about itself (libpcap statistics for live capture).</summary>
public sealed class CaptureStatistics
{
    public long PacketsRead;
    public long BytesRead;
    /// <summary>Packets dropped by the kernel because the buffer was full (pcap_stats ps_drop).</summary>
    public long KernelDrops;
    /// <summary>Packets dropped by the interface or driver (pcap_stats ps_ifdrop).</summary>
    public long InterfaceDrops;
    /// <summary>Frames read but not delivered because they fall outside the replay time window (<see cref="TimeWindowPacketSource"/>).</summary>
    public long SkippedOutsideWindow;
}

/// <summary>
/// A source of frames in packet-time order: one or more capture files merged by timestamp, or a live
/// interface. Reading never throws for bad input: a broken file is recorded in <see cref="Errors"/>,
/// the frames before the damage are still delivered, and the other files go on.
/// </summary>
public interface IPacketSource : IDisposable
{
    /// <summary>Human-readable description (file names or interface) for logs and summaries.</summary>
    string Description { get; }

    ReadStatus Next(out RawFrame frame);

    /// <summary>Problems met so far (unreadable, corrupt or unsupported inputs).</summary>
    IReadOnlyList<CaptureError> Errors { get; }

    CaptureStatistics Statistics { get; }

    /// <summary>Total input size in bytes when known (files), for progress and ETA; 0 for live capture.</summary>
    long TotalBytes { get; }

    /// <summary>Input bytes consumed so far, for progress (files: exactly the offset of the next unread record).</summary>
    long ConsumedBytes { get; }

    /// <summary>Asks a live capture to stop; <see cref="Next"/> then returns <see cref="ReadStatus.EndOfInput"/>.</summary>
    void Stop();
}
