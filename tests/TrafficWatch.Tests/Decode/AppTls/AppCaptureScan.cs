using System.Buffers.Binary;
using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App.Http;
using TrafficWatch.Decode.App.Tls;

namespace TrafficWatch.Tests.Decode.AppTls;

/// <summary>
/// Reads a capture the way the slow path will: decode each frame, follow each direction of each TCP flow by
/// sequence number (retransmissions dropped, a gap resets), feed consecutive client payloads to the TLS
/// accumulator and the HTTP parser, and parse every UDP/1900 datagram as SSDP. Frame numbers are 1-based.
/// </summary>
internal sealed class AppCaptureScan
{
    private const int MaxHttpHead = HttpRequestParser.MaxHeadLength;

    private readonly Dictionary<(UInt128, ushort, UInt128, ushort), StreamState> _streams = [];

    public List<SeenHello> Hellos { get; } = [];
    public List<SeenRequest> Requests { get; } = [];
    public List<SeenSsdp> Ssdp { get; } = [];
    public int Frames { get; private set; }

    /// <summary>ClientHellos that needed more than one TCP segment.</summary>
    public int SplitHellos { get; private set; }

    /// <summary>TCP payloads that start like a TLS handshake record (0x16 0x03).</summary>
    public int TlsRecordStarts { get; private set; }

    public static AppCaptureScan Run(string file)
    {
        var scan = new AppCaptureScan();
        using var source = CaptureFiles.Open(file);
        var meta = default(PacketMeta);
        while (source.Next(out var frame) == ReadStatus.Packet)
        {
            scan.Frames++;
            PacketDecoder.Decode(frame.LinkType, frame.Data, ref meta);
            if (!meta.HasFlowKey || meta.IsNonFirstFragment || meta.PayloadLength <= 0
                || meta.PayloadOffset < 0 || meta.PayloadOffset + meta.PayloadLength > frame.Data.Length)
            {
                continue;
            }
            var payload = frame.Data.Slice(meta.PayloadOffset, meta.PayloadLength);
            var direction = new Direction(IpAddr.ToString(meta.SrcAddr), meta.SrcPort, IpAddr.ToString(meta.DstAddr), meta.DstPort, meta.TunnelDepth > 0);
            if (meta.Protocol == 6 && payload.Length >= 2 && payload[0] == 22 && payload[1] == 3)
            {
                scan.TlsRecordStarts++;
            }
            if (meta.Protocol == 17 && (meta.SrcPort == 1900 || meta.DstPort == 1900))
            {
                var status = SsdpParser.Parse(payload, out var message);
                if (message is not null)
                {
                    scan.Ssdp.Add(new SeenSsdp(scan.Frames, direction, status, message));
                }
            }
            else if (meta.Protocol == 6 && meta.L4Offset >= 0 && meta.L4Offset + 8 <= frame.Data.Length)
            {
                var seq = BinaryPrimitives.ReadUInt32BigEndian(frame.Data[(meta.L4Offset + 4)..]);
                var key = (meta.SrcAddr, meta.SrcPort, meta.DstAddr, meta.DstPort);
                if (!scan._streams.TryGetValue(key, out var stream))
                {
                    stream = new StreamState();
                    scan._streams[key] = stream;
                }
                scan.OnSegment(stream, seq, payload, direction);
            }
        }
        foreach (var stream in scan._streams.Values)
        {
            scan.FlushPendingRequest(stream);
        }
        return scan;
    }

    private void OnSegment(StreamState stream, uint seq, ReadOnlySpan<byte> payload, Direction direction)
    {
        if (stream.HaveSeq)
        {
            var delta = (int)(seq - stream.NextSeq);
            if (delta < 0)
            {
                if (-delta >= payload.Length)
                {
                    return;                                                  // retransmission of bytes already seen
                }
                payload = payload[-delta..];
                seq = stream.NextSeq;
            }
            else if (delta > 0)
            {
                stream.Tls = null;                                           // a hole: whatever was being gathered is lost
                FlushPendingRequest(stream);
                stream.HttpLength = 0;
            }
        }
        stream.HaveSeq = true;
        stream.NextSeq = unchecked(seq + (uint)payload.Length);
        OnTls(stream, payload, direction);
        OnHttp(stream, payload, direction);
    }

    private void OnTls(StreamState stream, ReadOnlySpan<byte> payload, Direction direction)
    {
        if (stream.Tls is null)
        {
            if (payload[0] != 22)
            {
                return;
            }
            stream.Tls = new TlsClientHelloAccumulator();
        }
        var wasBuffering = stream.Tls.BufferedBytes > 0;
        var status = stream.Tls.Append(payload);
        if (status == TlsParseStatus.Complete)
        {
            SplitHellos += wasBuffering ? 1 : 0;
            Hellos.Add(new SeenHello(Frames, direction, stream.Tls.Result!));
        }
        if (status != TlsParseStatus.NeedMore)
        {
            stream.Tls = null;
        }
    }

    private void OnHttp(StreamState stream, ReadOnlySpan<byte> payload, Direction direction)
    {
        ReadOnlySpan<byte> head;
        if (stream.HttpLength > 0)
        {
            var take = Math.Min(payload.Length, MaxHttpHead - stream.HttpLength);
            payload[..take].CopyTo(stream.HttpBuffer.AsSpan(stream.HttpLength));
            stream.HttpLength += take;
            head = stream.HttpBuffer.AsSpan(0, stream.HttpLength);
        }
        else
        {
            head = payload;
        }
        var status = HttpRequestParser.Parse(head, out var request);
        if (status == HttpParseStatus.NeedMore)
        {
            if (stream.HttpLength == 0)
            {
                var take = Math.Min(payload.Length, MaxHttpHead);
                payload[..take].CopyTo(stream.HttpBuffer);
                stream.HttpLength = take;
            }
            // A head that never completes (snapped capture, lost segment) still counts with what it had.
            stream.Pending = request is null ? null : new SeenRequest(Frames, direction, status, request);
            return;
        }
        stream.HttpLength = 0;
        stream.Pending = null;
        if (request is not null && status != HttpParseStatus.NotHttp)
        {
            Requests.Add(new SeenRequest(Frames, direction, status, request));
        }
    }

    private void FlushPendingRequest(StreamState stream)
    {
        if (stream.Pending is not null)
        {
            Requests.Add(stream.Pending);
            stream.Pending = null;
        }
    }

    private sealed class StreamState
    {
        public bool HaveSeq;
        public uint NextSeq;
        public TlsClientHelloAccumulator? Tls;
        private byte[]? _httpBuffer;
        public byte[] HttpBuffer => _httpBuffer ??= new byte[MaxHttpHead];
        public int HttpLength;
        public SeenRequest? Pending;
    }
}
