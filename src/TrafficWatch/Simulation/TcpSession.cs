namespace TrafficWatch.Simulation;

/// <summary>
/// One TCP connection with consistent sequence/acknowledgment numbers, seen on the client's segment. The iterator
/// helpers write packets and yield delays, so they nest inside a device routine with <c>foreach … yield return</c>.
/// </summary>
internal sealed class TcpSession
{
    public const int Mss = 1460;
    private const int SegmentsPerWindow = 10;
    private const ushort ClientWindow = 64240, ServerWindow = 65160;

    private readonly SimulationContext _context;

    public TcpSession(SimulationContext context, SimHost client, SimHost server, ushort serverPort)
    {
        _context = context;
        Client = client;
        Server = server;
        ClientPort = client.NextEphemeralPort();
        ServerPort = serverPort;
        ClientSeq = (uint)context.Random.NextInt64(0, uint.MaxValue);
        ServerSeq = (uint)context.Random.NextInt64(0, uint.MaxValue);
        ClientToServer = context.LinkFrom(client, server);
        ServerToClient = ClientToServer.Reverse;
        context.TcpFlows++;
    }

    public SimHost Client { get; }
    public SimHost Server { get; }
    public ushort ClientPort { get; }
    public ushort ServerPort { get; }

    /// <summary>Next sequence number the client sends.</summary>
    public uint ClientSeq { get; set; }

    /// <summary>Next sequence number the server sends.</summary>
    public uint ServerSeq { get; set; }

    public FrameLink ClientToServer { get; }
    public FrameLink ServerToClient { get; }

    public long Rtt => Server.IsExternal ? Server.RttMicros : Math.Max(Server.RttMicros, Client.RttMicros);

    public void ClientSegment(ushort flags, ReadOnlySpan<byte> payload = default)
    {
        Segment(ClientToServer, Client, Server, ClientPort, ServerPort, ClientSeq, ServerSeq, flags, ClientWindow, payload);
        ClientSeq += (uint)payload.Length + ((flags & (FrameFactory.Syn | FrameFactory.Fin)) != 0 ? 1u : 0u);
    }

    public void ServerSegment(ushort flags, ReadOnlySpan<byte> payload = default)
    {
        Segment(ServerToClient, Server, Client, ServerPort, ClientPort, ServerSeq, ClientSeq, flags, ServerWindow, payload);
        ServerSeq += (uint)payload.Length + ((flags & (FrameFactory.Syn | FrameFactory.Fin)) != 0 ? 1u : 0u);
    }

    /// <summary>
    /// Protocol messages (handshakes, requests, anything shorter than a full segment) are built with PacketDotNet;
    /// full-MSS bulk segments of a transfer take the allocation-free <see cref="RawTcpFrame"/> path.
    /// </summary>
    private void Segment(in FrameLink link, SimHost source, SimHost destination, ushort sourcePort, ushort destinationPort,
        uint sequence, uint acknowledgment, ushort flags, ushort window, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Mss)
        {
            _context.Frames.EmitTcp(link, source, destination, sourcePort, destinationPort, sequence, acknowledgment, flags, window, payload);
            return;
        }
        var frame = _context.FrameBuffer.AsSpan();
        payload.CopyTo(frame[RawTcpFrame.PayloadOffset(link)..]);
        var length = RawTcpFrame.WriteHeaders(frame, link, source.Address, destination.Address, _context.TtlOnLink(source, link), source.NextIpId(),
            sourcePort, destinationPort, sequence, acknowledgment, (byte)flags, window, payload.Length, InternetChecksum.Sum(payload));
        _context.Emit(frame[..length]);
    }

    /// <summary>Three-way handshake.</summary>
    public IEnumerable<long> Open()
    {
        ClientSegment(FrameFactory.Syn);
        yield return Rtt;
        ServerSegment(FrameFactory.Syn | FrameFactory.Ack);
        yield return 60;
        ClientSegment(FrameFactory.Ack);
    }

    /// <summary>Client sends a SYN that is never answered (retransmitted twice), as to a dead or filtered address.</summary>
    public IEnumerable<long> OpenUnanswered()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            _context.Frames.EmitTcp(ClientToServer, Client, Server, ClientPort, ServerPort, ClientSeq, 0, FrameFactory.Syn, ClientWindow, default);
            yield return SimulationContext.Seconds(1 << attempt);
        }
    }

    /// <summary>Sends <paramref name="data"/> in MSS-sized segments, a window at a time, with cumulative ACKs.</summary>
    public IEnumerable<long> Send(bool fromClient, byte[] data)
    {
        var offset = 0;
        while (offset < data.Length)
        {
            for (var i = 0; i < SegmentsPerWindow && offset < data.Length; i++)
            {
                var length = Math.Min(Mss, data.Length - offset);
                var last = offset + length == data.Length || i == SegmentsPerWindow - 1;
                var flags = (ushort)(FrameFactory.Ack | (last ? FrameFactory.Psh : 0));
                if (fromClient)
                {
                    ClientSegment(flags, data.AsSpan(offset, length));
                }
                else
                {
                    ServerSegment(flags, data.AsSpan(offset, length));
                }
                offset += length;
                yield return 40;
            }
            if (fromClient)
            {
                yield return Rtt;
                ServerSegment(FrameFactory.Ack);
                yield return 20;
            }
            else
            {
                yield return 50;
                ClientSegment(FrameFactory.Ack);
                yield return offset < data.Length ? Rtt : 0;
            }
        }
    }

    /// <summary>Client request, server response after one round trip, both acknowledged.</summary>
    public IEnumerable<long> Exchange(byte[] request, byte[] response)
    {
        foreach (var delay in Send(fromClient: true, request))
        {
            yield return delay;
        }
        if (response.Length > 0)
        {
            foreach (var delay in Send(fromClient: false, response))
            {
                yield return delay;
            }
        }
    }

    /// <summary>Client-initiated FIN teardown.</summary>
    public IEnumerable<long> Close()
    {
        ClientSegment(FrameFactory.Fin | FrameFactory.Ack);
        yield return Rtt;
        ServerSegment(FrameFactory.Fin | FrameFactory.Ack);
        yield return 50;
        ClientSegment(FrameFactory.Ack);
    }
}
