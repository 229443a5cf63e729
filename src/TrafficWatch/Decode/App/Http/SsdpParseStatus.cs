namespace TrafficWatch.Decode.App.Http;

/// <summary>Outcome of parsing one SSDP datagram (UDP 1900).</summary>
public enum SsdpParseStatus
{
    /// <summary>Start line and headers parsed (the datagram may end without the final empty line).</summary>
    Complete,
    /// <summary>Not an HTTPU start line.</summary>
    NotSsdp,
    /// <summary>An HTTPU start line followed by a header that breaks the grammar; headers before it are kept.</summary>
    Malformed,
    /// <summary>A line or the header count exceeds the bounds; headers before it are kept.</summary>
    TooLarge,
}
