namespace TrafficWatch.Simulation;

/// <summary>The pcap writer behind a simulation run.</summary>
public enum PcapWriterKind
{
    /// <summary>A hand-written classic pcap writer over a large buffer and a <see cref="FileStream"/>.</summary>
    Managed,

    /// <summary>SharpPcap's <c>CaptureFileWriterDevice</c> (libpcap's <c>pcap_dump</c>).</summary>
    SharpPcap,
}
