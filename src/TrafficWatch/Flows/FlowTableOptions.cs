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

    /// <summary>
    /// IP datagrams whose fragments are held until the datagram is complete (then they count in its TCP/UDP flow)
    /// or given up (then they count with ports 0, as tshark shows unreassembled fragments). When full, the oldest
    /// datagram is given up. At most 64 fragments per datagram and twice this many fragments in all are held.
    /// </summary>
    public int MaxFragmentEntries { get; set; } = 65_536;

    /// <summary>Seconds of packet time a datagram may take to complete, from its first fragment (Suricata's defrag timeout is 60).</summary>
    public int FragmentTimeout { get; set; } = 60;
}
