using System.Buffers.Binary;

namespace TrafficWatch.Simulation;

/// <summary>
/// The hot path: H.264 over RTP (FU-A fragments), interleaved on the RTSP TCP connection (RFC 2326 §10.12), camera
/// to NVR, with the NVR's delayed ACKs. Frames are written straight into the shared buffer with
/// <see cref="RawTcpFrame"/>; the video payload is a slice of a <see cref="PayloadBlob"/>, so no allocation per packet.
/// </summary>
internal sealed class RtpStream(SimulationContext context, TcpSession session, PayloadBlob blob, int bitrateKbps)
{
    private const int FramesPerSecond = 12;
    private const int GopFrames = 24;
    private const int MaxFragment = TcpSession.Mss - 4 - 12 - 2;
    private const int HeaderBytes = 18;

    private readonly uint _ssrc = (uint)context.Random.NextInt64(0, uint.MaxValue);
    private ushort _rtpSequence = (ushort)context.Random.Next(0, 65536);
    private uint _rtpTimestamp = (uint)context.Random.NextInt64(0, uint.MaxValue);

    /// <summary>Streams until the end of the capture, with an RTCP sender report every 5 s and an RTSP keep-alive every 30 s.</summary>
    public IEnumerable<long> Run()
    {
        var frameInterval = 1_000_000L / FramesPerSecond;
        var nextReport = context.Now + SimulationContext.Seconds(5);
        var nextKeepAlive = context.Now + SimulationContext.Seconds(30);
        var cseq = 5;
        uint packetCount = 0, octetCount = 0;
        var gopBytes = bitrateKbps * 1000L / 8 * GopFrames / FramesPerSecond;
        var pFrameBytes = (int)(gopBytes / (GopFrames + 7));
        var frameIndex = 0;
        while (true)
        {
            var keyFrame = frameIndex % GopFrames == 0;
            var size = (keyFrame ? pFrameBytes * 8 : pFrameBytes) * context.Random.Next(80, 121) / 100;
            var elapsed = 0L;
            var unacked = 0;
            for (var sent = 0; sent < size;)
            {
                var fragment = Math.Min(MaxFragment, size - sent);
                var first = sent == 0;
                sent += fragment;
                var last = sent >= size;
                WriteVideoSegment(fragment, first, last, keyFrame);
                packetCount++;
                octetCount += (uint)(fragment + 2);
                if (++unacked == 2 || last)
                {
                    yield return 25;
                    elapsed += 25;
                    WriteNvrAck();
                    unacked = 0;
                }
                if (!last)
                {
                    yield return 40;
                    elapsed += 40;
                }
            }
            if (context.Now >= nextReport)
            {
                session.ServerSegment(FrameFactory.Psh | FrameFactory.Ack, SenderReport(packetCount, octetCount));
                nextReport += SimulationContext.Seconds(5);
            }
            if (context.Now >= nextKeepAlive)
            {
                yield return 300;
                elapsed += 300;
                session.ClientSegment(FrameFactory.Psh | FrameFactory.Ack, RtspMessages.Request("GET_PARAMETER", Url, cseq, $"Session: {SessionId}\r\n"));
                yield return session.Rtt;
                elapsed += session.Rtt;
                session.ServerSegment(FrameFactory.Psh | FrameFactory.Ack, RtspMessages.Response(cseq, Server, $"Session: {SessionId}\r\n"));
                cseq++;
                nextKeepAlive += SimulationContext.Seconds(30);
            }
            _rtpTimestamp += 90_000 / FramesPerSecond;
            frameIndex++;
            yield return Math.Max(1_000, frameInterval - elapsed + context.Random.Next(-2_000, 2_001));
        }
    }

    /// <summary>Where the stream was set up (for keep-alives).</summary>
    public required string Url { get; init; }

    public required string SessionId { get; init; }

    public required string Server { get; init; }

    /// <summary>RTCP sender report (RFC 3550 §6.4.1) interleaved on channel 1.</summary>
    private byte[] SenderReport(uint packets, uint octets)
    {
        const long UnixToNtpSeconds = 2_208_988_800;
        var now = context.Now;
        var b = new PayloadBuilder(40);
        b.U8('$').U8(1).U16(28);
        b.U8(0x80).U8(200).U16(6).U32(_ssrc);
        b.U32((uint)(now / 1_000_000 + UnixToNtpSeconds)).U32((uint)((ulong)(now % 1_000_000) * (1UL << 32) / 1_000_000));
        b.U32(_rtpTimestamp).U32(packets).U32(octets);
        return b.ToArray();
    }

    private void WriteVideoSegment(int fragment, bool first, bool last, bool keyFrame)
    {
        var link = session.ServerToClient;
        var frame = context.FrameBuffer.AsSpan();
        var offset = RawTcpFrame.PayloadOffset(link);
        var header = frame.Slice(offset, HeaderBytes);
        var rtpLength = 12 + 2 + fragment;
        header[0] = (byte)'$';
        header[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)rtpLength);
        header[4] = 0x80;
        header[5] = (byte)((last ? 0x80 : 0) | 96);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], _rtpSequence++);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], _rtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], _ssrc);
        header[16] = 0x7C;
        header[17] = (byte)((first ? 0x80 : 0) | (last ? 0x40 : 0) | (keyFrame ? 5 : 1));
        var blobOffset = context.Random.Next(0, (blob.Data.Length - MaxFragment) / 2) * 2;
        blob.Data.AsSpan(blobOffset, fragment).CopyTo(frame[(offset + HeaderBytes)..]);
        var payloadLength = HeaderBytes + fragment;
        var sum = InternetChecksum.Sum(header) + blob.Sum(blobOffset, fragment);
        var camera = session.Server;
        var nvr = session.Client;
        var length = RawTcpFrame.WriteHeaders(frame, link, camera.Address, nvr.Address, camera.Ttl, camera.NextIpId(),
            session.ServerPort, session.ClientPort, session.ServerSeq, session.ClientSeq, 0x18, 65160, payloadLength, sum);
        session.ServerSeq += (uint)payloadLength;
        context.Emit(frame[..length]);
    }

    private void WriteNvrAck()
    {
        var frame = context.FrameBuffer.AsSpan();
        var camera = session.Server;
        var nvr = session.Client;
        var length = RawTcpFrame.WriteHeaders(frame, session.ClientToServer, nvr.Address, camera.Address, nvr.Ttl, nvr.NextIpId(),
            session.ClientPort, session.ServerPort, session.ClientSeq, session.ServerSeq, 0x10, 64240, 0, 0);
        context.Emit(frame[..length]);
    }
}
