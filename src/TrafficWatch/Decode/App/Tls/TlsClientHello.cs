namespace TrafficWatch.Decode.App.Tls;

/// <summary>
/// What a TLS ClientHello says about the client and where it is going. GREASE values are kept in the raw lists
/// (they are what was on the wire) and left out of the fingerprints.
/// </summary>
public sealed class TlsClientHello : IAppMessage
{
    /// <summary>Version from the record header (often 0x0301 for compatibility).</summary>
    public required ushort RecordVersion { get; init; }

    /// <summary>legacy_version of the ClientHello (0x0303 for TLS 1.2 and 1.3).</summary>
    public required ushort LegacyVersion { get; init; }

    public required IReadOnlyList<ushort> CipherSuites { get; init; }

    /// <summary>Extension types in wire order.</summary>
    public required IReadOnlyList<ushort> Extensions { get; init; }

    /// <summary>First host_name of the server_name extension, or null.</summary>
    public string? ServerName { get; init; }

    /// <summary>ALPN protocol names in order (empty when the extension is absent).</summary>
    public required IReadOnlyList<string> Alpn { get; init; }

    public required IReadOnlyList<ushort> SupportedGroups { get; init; }

    public required IReadOnlyList<byte> EcPointFormats { get; init; }

    public required IReadOnlyList<ushort> SupportedVersions { get; init; }

    public required IReadOnlyList<ushort> SignatureAlgorithms { get; init; }

    /// <summary>JA3 string (Salesforce/tshark <c>tls.handshake.ja3_full</c>).</summary>
    public required string Ja3 { get; init; }

    /// <summary>MD5 of <see cref="Ja3"/>, lower-case hex (tshark <c>tls.handshake.ja3</c>).</summary>
    public required string Ja3Hash { get; init; }

    /// <summary>FoxIO JA4 (TLS over TCP: always starts with <c>t</c>).</summary>
    public required string Ja4 { get; init; }

    /// <summary>JA4_r: the JA4 with the sorted lists in clear instead of hashed.</summary>
    public required string Ja4Raw { get; init; }
}
