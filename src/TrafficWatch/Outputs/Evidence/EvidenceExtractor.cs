using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Flows;

namespace TrafficWatch.Outputs.Evidence;

/// <summary>
/// Copies exactly the packets of one flow or one device from capture files into a new classic pcap (original bytes,
/// wire lengths, timestamps and link type), for Wireshark.
/// </summary>
/// <remarks>
/// <para>Two passes over the inputs, both in the merged packet-time order of <see cref="CaptureFiles.Open(IEnumerable{string}, string?)"/>.
/// The first decodes every frame and runs a <see cref="FlowTable"/> with the replay's flow options, so each packet
/// gets the flow id EVE gave its flow (<see cref="FlowTable.FlowIdOf"/>: key plus start time, so a reused 5-tuple is a
/// different flow), and remembers the ordinal of each matching frame. The second reads again and writes those frames.
/// Nothing is written when nothing matches.</para>
/// <para>IP fragments: the flow table accounts a fragment only when its datagram's fate is decided (complete: the
/// datagram's flow; overlapped, timed out or never completed: a flow with ports 0, as tshark). A
/// <see cref="FragmentShadow"/> makes the same decisions beside the table, and a released fragment belongs to the
/// next flow the table ends with that key: so fragments are extracted with exactly the flow EVE counted them in.</para>
/// </remarks>
public sealed class EvidenceExtractor
{
    private readonly FlowTableOptions _flowOptions;

    public EvidenceExtractor(FlowTableOptions? flowOptions = null)
    {
        _flowOptions = flowOptions ?? new FlowTableOptions();
    }

    /// <summary>Extracts the packets <paramref name="query"/> selects from <paramref name="inputs"/> into <paramref name="outputPath"/>.</summary>
    /// <exception cref="EvidenceException">Nothing matched, mixed link types, or the output cannot be written.</exception>
    /// <exception cref="CaptureOpenException">Never for files without a filter; kept for callers passing one.</exception>
    public EvidenceResult Extract(IReadOnlyList<string> inputs, EvidenceQuery query, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(outputPath);
        if (query.FlowId is null == query.Device is null)
        {
            throw new ArgumentException("an evidence query names either a flow id or a device MAC", nameof(query));
        }

        var (matches, framesRead, errors) = FindMatches(inputs, query);
        if (matches.Count == 0 && framesRead == 0 && errors.Count > 0)
        {
            throw new EvidenceException(EvidenceFailure.InputUnreadable, errors[0].ToString());
        }
        if (matches.Count == 0)
        {
            throw new EvidenceException(EvidenceFailure.NothingMatched,
                $"no packets of {query} in {framesRead} frames of {string.Join(", ", inputs)}; nothing written");
        }
        return WriteMatches(inputs, matches, framesRead, errors, outputPath);
    }

    private (List<long> Matches, long FramesRead, IReadOnlyList<CaptureError> Errors) FindMatches(IReadOnlyList<string> inputs, EvidenceQuery query)
    {
        var matches = new List<long>();
        var device = query.Device ?? default;
        var byDevice = query.Device is not null;
        var flowId = query.FlowId ?? 0;
        var ends = new EndRecordSink();
        var table = new FlowTable(_flowOptions, ends);
        var fragments = new FragmentShadow(_flowOptions);
        var meta = default(PacketMeta);
        long ordinal = -1;
        using var source = CaptureFiles.Open(inputs);
        while (source.Next(out var frame) == ReadStatus.Packet)
        {
            ordinal++;
            var inWindow = query.Window.Contains(frame.Timestamp);
            PacketDecoder.Decode(frame.LinkType, frame.Data, ref meta);
            if (byDevice)
            {
                if (inWindow && (meta.SrcMac == device || meta.DstMac == device))
                {
                    matches.Add(ordinal);
                }
                continue;                                         // a MAC needs no flow table
            }
            meta.Timestamp = frame.Timestamp;
            meta.WireLength = frame.WireLength;
            meta.CapturedLength = frame.Data.Length;
            meta.SourceIndex = frame.SourceIndex;
            meta.LinkType = frame.LinkType;
            ends.Ended.Clear();
            var isFragment = meta.HasFlowKey && meta.IsFragment && !meta.IsIcmpErrorQuote;
            if (meta.HasFlowKey)
            {
                table.Process(ref meta);
            }
            else
            {
                table.AdvanceTime(frame.Timestamp);
            }
            fragments.Mirror(frame.Timestamp, isFragment ? ordinal : -1, inWindow, ref meta);
            fragments.Resolve(ends.Ended, flowId, matches);
            if (meta.HasFlowKey && !isFragment && inWindow && table.LastSlot >= 0 && table.FlowIdOf(table.LastSlot) == flowId)
            {
                matches.Add(ordinal);
            }
        }
        if (!byDevice)
        {
            ends.Ended.Clear();
            fragments.ReleaseAll();                               // as FlushAll does first: incomplete datagrams, ports 0
            table.FlushAll();
            fragments.Resolve(ends.Ended, flowId, matches);
            matches.Sort();                                       // fragments are resolved after later packets
        }
        return (matches, ordinal + 1, [.. source.Errors]);
    }

    private static EvidenceResult WriteMatches(IReadOnlyList<string> inputs, List<long> matches, long framesRead,
        IReadOnlyList<CaptureError> errors, string outputPath)
    {
        EvidencePcapWriter? writer = null;
        var linkType = -1;
        long written = 0, bytes = 0, ordinal = -1;
        PacketTime? first = null, last = null;
        var next = 0;
        try
        {
            using var source = CaptureFiles.Open(inputs);
            while (next < matches.Count && source.Next(out var frame) == ReadStatus.Packet)
            {
                ordinal++;
                if (ordinal != matches[next])
                {
                    continue;
                }
                next++;
                if (writer is null)
                {
                    linkType = (int)frame.LinkType;
                    writer = OpenOutput(outputPath, linkType);
                }
                else if ((int)frame.LinkType != linkType)
                {
                    throw new EvidenceException(EvidenceFailure.MixedLinkTypes,
                        $"the matching packets have link types {linkType} and {(int)frame.LinkType}; a pcap file holds one: extract from the files of one link type at a time");
                }
                writer.Write(frame.Timestamp, frame.Data, frame.WireLength);
                written++;
                bytes += frame.WireLength;
                first ??= frame.Timestamp;
                last = frame.Timestamp;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvidenceException(EvidenceFailure.CannotWrite, $"cannot write {outputPath}: {ex.Message}", ex);
        }
        finally
        {
            writer?.Dispose();
        }
        return new EvidenceResult
        {
            FramesRead = framesRead,
            Packets = written,
            WireBytes = bytes,
            FirstPacket = first,
            LastPacket = last,
            LinkType = Math.Max(linkType, 0),
            InputErrors = errors,
        };
    }

    private static EvidencePcapWriter OpenOutput(string path, int linkType)
    {
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
            return new EvidencePcapWriter(path, linkType);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new EvidenceException(EvidenceFailure.CannotWrite, $"cannot write {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Collects the key and id of every flow the table ends (not interim or interval records).</summary>
    private sealed class EndRecordSink : IFlowSink
    {
        public List<(FlowKey Key, long FlowId)> Ended { get; } = [];

        public void OnFlowEnd(in FlowRecord record)
        {
            if (record.Reason is not FlowEndReason.Interim and not FlowEndReason.Interval)
            {
                Ended.Add((record.Key, record.FlowId));
            }
        }
    }
}
