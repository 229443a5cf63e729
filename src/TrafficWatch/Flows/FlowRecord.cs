using TrafficWatch.Decode;

namespace TrafficWatch.Flows;

/// <summary>Why a flow record was emitted.</summary>
public enum FlowEndReason : byte
{
    /// <summary>Idle longer than its timeout (packet time).</summary>
    Timeout,
    /// <summary>TCP closed: FIN in both directions, or RST.</summary>
    Closed,
    /// <summary>End of input / capture stopped.</summary>
    Shutdown,
    /// <summary>Pushed out because the table was full (oldest idle flow).</summary>
    Evicted,
    /// <summary>Not an end: an interim record of a long-running flow (cumulative counters; Delta* are 0).</summary>
    Interim,
    /// <summary>Not an end: a description of a live flow (<see cref="FlowTable.Describe"/>).</summary>
    Snapshot,
    /// <summary>Not an end: a snapshot visited by <see cref="FlowTable.CollectIntervalDeltas"/> (Delta* since the previous collection).</summary>
    Interval,
}

/// <summary>Suricata's flow states, as EVE prints them.</summary>
public enum FlowState : byte
{
    New,
    Established,
    Closed,
}

/// <summary>
/// A flow as the rest of the pipeline sees it (plain data, copied out of the table).
/// "Src" is the initiator: the sender of the first SYN without ACK when seen, else of the first packet.
/// </summary>
public readonly struct FlowRecord
{
    /// <summary>Deterministic id (52 bits, safe in JSON numbers) from the key and the start time.</summary>
    public required long FlowId { get; init; }
    public required FlowKey Key { get; init; }

    public required UInt128 SrcAddr { get; init; }
    public required ushort SrcPort { get; init; }
    public required UInt128 DstAddr { get; init; }
    public required ushort DstPort { get; init; }
    public required byte Protocol { get; init; }
    public required byte VlanCount { get; init; }

    /// <summary>MAC addresses seen on the initiator's first packet (source and destination of that frame).</summary>
    public MacAddress SrcMac { get; init; }
    public MacAddress DstMac { get; init; }

    public required long PktsToServer { get; init; }
    public required long PktsToClient { get; init; }
    public required long BytesToServer { get; init; }
    public required long BytesToClient { get; init; }

    /// <summary>Counters since the previous interval collection (for per-interval metrics).</summary>
    public long DeltaPktsToServer { get; init; }
    public long DeltaPktsToClient { get; init; }
    public long DeltaBytesToServer { get; init; }
    public long DeltaBytesToClient { get; init; }
    /// <summary>True when the flow started after the previous interval collection.</summary>
    public bool IsNewInInterval { get; init; }

    public required PacketTime Start { get; init; }
    public required PacketTime End { get; init; }

    public byte TcpFlagsToServer { get; init; }
    public byte TcpFlagsToClient { get; init; }

    public required FlowState State { get; init; }
    public required FlowEndReason Reason { get; init; }

    /// <summary>ICMP type/code of the first packet (ICMP flows only).</summary>
    public byte IcmpType { get; init; }
    public byte IcmpCode { get; init; }

    /// <summary>Name of the destination (responder) from DNS, SNI or HTTP Host, or null; see <see cref="DestNameSource"/>. Hostile text.</summary>
    public string? DestName { get; init; }
    public NameSource DestNameSource { get; init; }

    /// <summary>Application-layer details (TLS SNI/JA3/JA4, HTTP host/agent), or null.</summary>
    public FlowApp? App { get; init; }

    public double AgeSeconds => (End.Nanoseconds - Start.Nanoseconds) / (double)PacketTime.NanosPerSecond;
}

/// <summary>Receives flow records from a <see cref="FlowTable"/>; called synchronously on the flow thread.</summary>
public interface IFlowSink
{
    /// <summary>A flow ended (or an interim record of a long flow, see <see cref="FlowRecord.Reason"/>).</summary>
    void OnFlowEnd(in FlowRecord record);
}
