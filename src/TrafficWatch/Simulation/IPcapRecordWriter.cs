namespace TrafficWatch.Simulation;

/// <summary>Appends Ethernet frames to a classic pcap file.</summary>
internal interface IPcapRecordWriter : IDisposable
{
    /// <summary>Writes one record; <paramref name="timestampMicros"/> is microseconds since the Unix epoch.</summary>
    void Write(long timestampMicros, ReadOnlySpan<byte> frame);
}
