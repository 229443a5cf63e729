namespace TrafficWatch.Decode.App;

/// <summary>What the app-layer inspector parsed and what it had to give up on (capture thread; read racily for progress).</summary>
public sealed class AppLayerCounters
{
    public long Dns;
    public long Mdns;
    public long Dhcp;
    public long Dhcpv6;
    public long Ssdp;
    public long TlsClientHellos;
    public long HttpRequests;
    public long Arp;
    public long Ndp;
    /// <summary>Messages that looked like one of the above but could not be parsed (counted, skipped).</summary>
    public long Malformed;
    /// <summary>Split ClientHellos given up on: too many pending at once, a gap in the sequence, or timed out.</summary>
    public long TlsAbandoned;
}
