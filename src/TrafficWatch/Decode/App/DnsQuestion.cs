namespace TrafficWatch.Decode.App;

/// <summary>One question. <see cref="Name"/> is in presentation form (see <see cref="DnsNameReader"/>).</summary>
/// <param name="Name">The queried name, escaped as described on <see cref="DnsNameReader"/>.</param>
/// <param name="Type">QTYPE (see <see cref="DnsRecordType"/>).</param>
/// <param name="Class">QCLASS without its top bit.</param>
/// <param name="UnicastResponse">mDNS "QU" bit (top bit of QCLASS, RFC 6762 §5.4); meaningless in unicast DNS.</param>
public sealed record DnsQuestion(string Name, ushort Type, ushort Class, bool UnicastResponse);
