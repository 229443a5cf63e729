namespace TrafficWatch.Decode.App;

/// <summary>
/// Why a DNS/mDNS message could not be read to its end. Parsing stops at the first problem; everything read
/// before it stays in the <see cref="DnsMessage"/>.
/// </summary>
public enum DnsParseError : byte
{
    /// <summary>The whole message was read.</summary>
    None = 0,
    /// <summary>Shorter than the 12-byte header.</summary>
    TruncatedHeader,
    /// <summary>A question runs past the end (the header counts promise more than the data holds).</summary>
    TruncatedQuestion,
    /// <summary>A resource record (fixed part or RDATA) runs past the end.</summary>
    TruncatedRecord,
    /// <summary>A name runs past the end of the message before its terminating root label.</summary>
    TruncatedName,
    /// <summary>
    /// A length byte of 64..191: a label longer than 63 bytes, or one of the label types 01 (EDNS0 extended,
    /// obsolete) and 10 (reserved). Neither can be read safely.
    /// </summary>
    LabelTooLong,
    /// <summary>A name longer than 255 bytes in wire form.</summary>
    NameTooLong,
    /// <summary>A compression pointer where compression is not allowed (DHCP client FQDN names).</summary>
    PointerNotAllowed,
    /// <summary>A compression pointer to an offset at or beyond the end of the message.</summary>
    PointerOutOfRange,
    /// <summary>A compression pointer to its own position or after it.</summary>
    ForwardPointer,
    /// <summary>A compression pointer back into the name being read, or more than the allowed pointer follows.</summary>
    PointerLoop,
    /// <summary>RDATA whose length does not fit its type (A not 4 bytes, AAAA not 16, SRV shorter than 7, a name past RDATA).</summary>
    BadRdata,
    /// <summary>More records than the parser keeps (<see cref="DnsMessageParser.MaxRecords"/>).</summary>
    TooManyRecords,
}
