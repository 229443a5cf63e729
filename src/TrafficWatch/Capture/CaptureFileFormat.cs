namespace TrafficWatch.Capture;

/// <summary>The container format of a capture file, from its first four bytes.</summary>
public enum CaptureFileFormat
{
    Unknown,
    /// <summary>Classic libpcap format (24-byte file header, 16-byte record headers); either byte order, usec or nsec.</summary>
    Pcap,
    /// <summary>pcapng (blocks).</summary>
    PcapNg,
}
