namespace TrafficWatch.Flows;

/// <summary>
/// Timeout classes: one per (protocol family, state). Every flow sits in exactly one LRU list, the one of its
/// class, so all flows of a list share one timeout and the list is ordered by last-seen time.
/// </summary>
internal enum TimeoutClass : byte
{
    TcpNew,
    TcpEstablished,
    TcpClosed,
    UdpNew,
    UdpEstablished,
    IcmpNew,
    IcmpEstablished,
    OtherNew,
    OtherEstablished,
}
