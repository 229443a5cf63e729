namespace TrafficWatch.Flows;

/// <summary>Flow timeouts in seconds of packet time, and table bounds. Defaults follow Suricata's.</summary>
public sealed class FlowTableOptions
{
    public const string Section = "Flows";

    public int TcpNewTimeout { get; set; } = 60;
    public int TcpEstablishedTimeout { get; set; } = 600;
    /// <summary>How long a closed TCP flow (FIN both ways, or RST) waits for trailing packets before it is emitted.</summary>
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

    /// <summary>Seconds of packet time a first fragment's ports stay usable (Suricata's defrag timeout is 60).</summary>
    public int FragmentTimeout { get; set; } = 60;
}
