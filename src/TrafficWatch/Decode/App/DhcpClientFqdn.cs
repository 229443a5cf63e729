namespace TrafficWatch.Decode.App;

/// <summary>Client FQDN option 81 (RFC 4702).</summary>
/// <param name="Flags">The flags byte (S 0x01, O 0x02, E 0x04, N 0x08).</param>
/// <param name="Name">
/// The name: for the E bit (DNS wire encoding) in presentation form escaped as on <see cref="DnsNameReader"/>;
/// otherwise the deprecated ASCII form decoded like the hostname (trailing NULs trimmed, kept as sent).
/// </param>
public sealed record DhcpClientFqdn(byte Flags, string Name)
{
    public bool IsWireEncoded => (Flags & 0x04) != 0;
}
