using TrafficWatch.Decode;

namespace TrafficWatch.Flows;

/// <summary>Flow timeouts in seconds of packet time, and table bounds. Defaults follow Suricata's.</summary>
public sealed class FlowTableOptions
{
    public const string Section = "Flows";

    public int TcpNewTimeout { get; set; } = 60;
    public int TcpEstablishedTimeout { get; set; } = 600;
    public int TcpClosedTimeout { get; set; } = 60;
    public int UdpNewTimeout { get; set; } = 30;
    public int UdpEstablishedTimeout { get; set; } = 300;
    public int IcmpNewTimeout { get; set; } = 30;
    public int IcmpEstablishedTimeout { get; set; } = 300;
    public int OtherNewTimeout { get; set; } = 30;
    public int OtherEstablishedTimeout { get; set; } = 300;

    /// <summary>Maximum flows held; when full the flow idle longest is evicted (and counted).</summary>
    public int MaxFlows { get; set; } = 1_000_000;

    /// <summary>Emit an interim record for flows active longer than this many seconds (0 = off).</summary>
    public int InterimSeconds { get; set; }

    /// <summary>Fragment tracking entries (first fragments remembered for their non-first fragments).</summary>
    public int MaxFragmentEntries { get; set; } = 65_536;
}

/// <summary>Counters of the flow table, written only by its owning thread.</summary>
public sealed class FlowTableCounters
{
    public long NewFlows;
    public long EndedTimeout;
    public long EndedClosed;
    public long EndedShutdown;
    public long Evicted;
    public long InterimRecords;
    public long FragmentsMatched;
    public long FragmentsUnmatched;
}

/// <summary>
/// Bidirectional flow table driven by packet time. Single-threaded: one owner calls
/// <see cref="Process"/>, which updates the flow of the packet and expires idle flows.
/// </summary>
public sealed class FlowTable
{
    public FlowTable(FlowTableOptions options, IFlowSink sink)
    {
        throw new NotImplementedException();
    }

    public FlowTableCounters Counters => throw new NotImplementedException();

    public int ActiveFlows => throw new NotImplementedException();

    /// <summary>Accounts one decoded packet (<see cref="PacketMeta.HasFlowKey"/> must be true) and expires idle flows.</summary>
    public void Process(ref PacketMeta meta) => throw new NotImplementedException();

    /// <summary>Moves packet time forward without a packet (live capture idle): expires what is due.</summary>
    public void AdvanceTime(PacketTime now) => throw new NotImplementedException();

    /// <summary>Ends every flow with <see cref="FlowEndReason.Shutdown"/> (end of input).</summary>
    public void FlushAll() => throw new NotImplementedException();

    /// <summary>
    /// Visits every active flow with activity since the previous call, as a record whose Delta* fields hold
    /// the counts since then, and resets the deltas. For per-interval metrics.
    /// </summary>
    public void CollectIntervalDeltas(IFlowSink visitor) => throw new NotImplementedException();
}
