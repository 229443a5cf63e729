namespace TrafficWatch.Decode.App.Tls;

/// <summary>TLS extension type numbers the parser reads (IANA TLS ExtensionType registry).</summary>
public static class TlsExtensionType
{
    public const ushort ServerName = 0x0000;
    public const ushort SupportedGroups = 0x000A;
    public const ushort EcPointFormats = 0x000B;
    public const ushort SignatureAlgorithms = 0x000D;
    public const ushort Alpn = 0x0010;
    public const ushort SupportedVersions = 0x002B;
}
