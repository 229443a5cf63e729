namespace TrafficWatch.Decode.App;

/// <summary>
/// A parsed DNS or mDNS message. Always returned, even for malformed input: <see cref="Error"/> tells why parsing
/// stopped, and everything read before that point is kept.
/// </summary>
public sealed class DnsMessage : IAppMessage
{
    public ushort Id { get; init; }

    /// <summary>QR bit.</summary>
    public bool IsResponse { get; init; }

    public byte Opcode { get; init; }

    /// <summary>Header RCODE (4 bits; the EDNS extended bits are not merged in).</summary>
    public byte Rcode { get; init; }

    public bool IsAuthoritative { get; init; }

    public bool IsTruncated { get; init; }

    public bool RecursionDesired { get; init; }

    public bool RecursionAvailable { get; init; }

    /// <summary>Section counts as the header declares them (they may promise more than the data holds).</summary>
    public ushort QuestionCount { get; init; }
    public ushort AnswerCount { get; init; }
    public ushort AuthorityCount { get; init; }
    public ushort AdditionalCount { get; init; }

    public IReadOnlyList<DnsQuestion> Questions { get; init; } = [];

    /// <summary>Records of all three sections in wire order; see <see cref="DnsRecord.Section"/>.</summary>
    public IReadOnlyList<DnsRecord> Records { get; init; } = [];

    public DnsParseError Error { get; init; }

    /// <summary>The records of the answer section.</summary>
    public IEnumerable<DnsRecord> Answers => Records.Where(static r => r.Section == DnsSection.Answer);
}
