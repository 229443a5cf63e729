using System.Net;
using TrafficWatch.Decode;

namespace TrafficWatch.Simulation;

/// <summary>
/// The simulated world: packet clock, the single <see cref="System.Random"/>, the event queue of routines, the
/// pcap writer and the counters. A routine is an iterator that writes packets at <see cref="Now"/> and yields the
/// delay in microseconds until it wants to run again, so packets come out in time order by construction.
/// </summary>
internal sealed class SimulationContext
{
    private readonly PriorityQueue<IEnumerator<long>, (long At, long Sequence)> _queue = new();
    private readonly IPcapRecordWriter _writer;
    private readonly HashSet<FlowTuple> _udpFlows = [];
    private readonly List<InjectedViolation> _violations = [];
    private long _sequence;

    /// <summary>Shortest Ethernet frame without FCS; shorter frames are zero-padded (decoders must use IP lengths).</summary>
    public const int MinimumFrameLength = 60;

    public SimulationContext(IPcapRecordWriter writer, Random random, long startMicros, long endMicros)
    {
        _writer = writer;
        Random = random;
        Start = startMicros;
        End = endMicros;
        Now = startMicros;
        Frames = new FrameFactory(this);
    }

    public Random Random { get; }

    /// <summary>Current packet time, microseconds since the Unix epoch.</summary>
    public long Now { get; private set; }

    public long Start { get; }

    public long End { get; }

    public long Duration => End - Start;

    public FrameFactory Frames { get; }

    /// <summary>Scratch frame buffer shared by every writer of frames (the simulation is single-threaded).</summary>
    public byte[] FrameBuffer { get; } = new byte[9216];

    public long Packets { get; private set; }

    public long Bytes { get; private set; }

    public long TcpFlows { get; set; }

    public long Flows => TcpFlows + _udpFlows.Count;

    public IReadOnlyList<InjectedViolation> Violations => _violations;

    public required NetworkPlan Plan { get; init; }

    public DateTimeOffset NowAsDateTime => DateTimeOffset.UnixEpoch.AddTicks(Now * 10);

    /// <summary>Writes a frame at <see cref="Now"/>, padded to the 60-byte Ethernet minimum as a mirror port shows it.</summary>
    public void Emit(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < MinimumFrameLength)
        {
            Span<byte> padded = stackalloc byte[MinimumFrameLength];
            padded.Clear();
            frame.CopyTo(padded);
            _writer.Write(Now, padded);
        }
        else
        {
            _writer.Write(Now, frame);
        }
        Packets++;
        Bytes += Math.Max(frame.Length, MinimumFrameLength);
    }

    /// <summary>TTL as captured: one less than the sender's when an internal sender's frame was routed onto this segment.</summary>
    public byte TtlOnLink(SimHost source, in FrameLink link)
        => !source.IsExternal && link.Source == Plan.Router.Mac && !ReferenceEquals(source, Plan.Router) ? (byte)(source.Ttl - 1) : source.Ttl;

    public void CountUdpFlow(uint a, ushort pa, uint b, ushort pb, ushort vlan)
        => _udpFlows.Add(FlowTuple.Create(a, pa, b, pb, 17, vlan));

    /// <summary>Starts <paramref name="routine"/> at absolute packet time <paramref name="at"/> (microseconds).</summary>
    public void Spawn(IEnumerable<long> routine, long at)
    {
        if (at > End)
        {
            return;
        }
        _queue.Enqueue(routine.GetEnumerator(), (Math.Max(at, Now), _sequence++));
    }

    /// <summary>Runs routines in packet-time order until none is due before <see cref="End"/>.</summary>
    public void Run()
    {
        // The running routine stays at the root of the heap while it runs: anything it spawns is due at Now or later
        // with a larger sequence number. So it is re-queued with one sift (DequeueEnqueue) instead of two.
        while (_queue.TryPeek(out var routine, out var due) && due.At <= End)
        {
            Now = due.At;
            long next;
            if (routine.MoveNext() && (next = Now + Math.Max(0, routine.Current)) <= End)
            {
                _queue.DequeueEnqueue(routine, (next, _sequence++));
                continue;
            }
            _queue.Dequeue();
            routine.Dispose();
        }
        while (_queue.TryDequeue(out var rest, out _))
        {
            rest.Dispose();
        }
    }

    /// <summary>A uniformly random delay in [<paramref name="min"/>, <paramref name="max"/>) seconds, in microseconds.</summary>
    public long Seconds(double min, double max) => (long)((min + Random.NextDouble() * (max - min)) * 1_000_000);

    public static long Seconds(double seconds) => (long)(seconds * 1_000_000);

    public void RecordViolation(string rule, SimHost device, SimHost? destination, ushort port, string? serverName, string description)
    {
        _violations.Add(new InjectedViolation(rule, device.Mac, device.IPAddress, device.Info.Name,
            destination?.IPAddress, port, serverName, NowAsDateTime, description));
    }

    /// <summary>
    /// Layer-2 addressing for frames from <paramref name="local"/> to <paramref name="remote"/> on the segment of
    /// <paramref name="local"/>: direct when both are on the same VLAN, else through the router.
    /// </summary>
    public FrameLink LinkFrom(SimHost local, SimHost remote)
    {
        var sameSegment = !remote.IsExternal && remote.Vlan == local.Vlan;
        return new FrameLink(local.Mac, sameSegment ? remote.Mac : Plan.Router.Mac, local.Vlan);
    }

    public static readonly MacAddress Broadcast = new(0xFFFF_FFFF_FFFFUL);

    public static readonly IPAddress Limited = IPAddress.Broadcast;
}
