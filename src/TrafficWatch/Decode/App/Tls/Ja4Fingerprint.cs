using System.Security.Cryptography;
using System.Text;

namespace TrafficWatch.Decode.App.Tls;

/// <summary>
/// JA4 TLS client fingerprint (FoxIO, technical_details/JA4.md): <c>ja4_a _ ja4_b _ ja4_c</c> where
/// ja4_a = protocol (t), version (highest non-GREASE supported_versions, else legacy_version), d/i (SNI extension
/// present), cipher count, extension count (GREASE excluded, capped at 99), first/last ALPN characters;
/// ja4_b = sha256 of the sorted cipher hex list, ja4_c = sha256 of the sorted extension list (without SNI 0000
/// and ALPN 0010) + "_" + signature algorithms in wire order; both truncated to 12 hex, or 12 zeros when empty.
/// </summary>
public static class Ja4Fingerprint
{
    private const string Empty = "000000000000";

    /// <summary>Builds JA4 and JA4_r. <paramref name="firstAlpn"/> is the raw first ALPN value (empty when none).</summary>
    public static (string Ja4, string Ja4Raw) Build(char protocol, ushort legacyVersion, IReadOnlyList<ushort> supportedVersions,
        IReadOnlyList<ushort> ciphers, IReadOnlyList<ushort> extensions, ReadOnlySpan<byte> firstAlpn,
        IReadOnlyList<ushort> signatureAlgorithms)
    {
        ArgumentNullException.ThrowIfNull(supportedVersions);
        ArgumentNullException.ThrowIfNull(ciphers);
        ArgumentNullException.ThrowIfNull(extensions);
        ArgumentNullException.ThrowIfNull(signatureAlgorithms);

        var version = legacyVersion;
        var haveSupportedVersions = false;
        foreach (var e in extensions)
        {
            haveSupportedVersions |= e == TlsExtensionType.SupportedVersions;
        }
        if (haveSupportedVersions)
        {
            ushort highest = 0;
            foreach (var v in supportedVersions)
            {
                if (!TlsGrease.IsGrease(v) && v > highest)
                {
                    highest = v;                                   // "the highest value in the extension"
                }
            }
            if (highest != 0)
            {
                version = highest;
            }
        }

        var sortedCiphers = NonGrease(ciphers);
        sortedCiphers.Sort();
        var allExtensions = NonGrease(extensions);
        var hasSni = allExtensions.Contains(TlsExtensionType.ServerName);
        var sortedExtensions = allExtensions.FindAll(static e => e != TlsExtensionType.ServerName && e != TlsExtensionType.Alpn);
        sortedExtensions.Sort();
        var sigalgs = NonGrease(signatureAlgorithms);

        var a = string.Concat(
            protocol.ToString(),
            VersionCode(version),
            hasSni ? "d" : "i",
            Math.Min(sortedCiphers.Count, 99).ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
            Math.Min(allExtensions.Count, 99).ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
            AlpnCode(firstAlpn));

        var cipherList = HexList(sortedCiphers);
        var extensionList = HexList(sortedExtensions);
        var cInput = sigalgs.Count > 0 ? extensionList + "_" + HexList(sigalgs) : extensionList;
        var b = sortedCiphers.Count == 0 ? Empty : Sha12(cipherList);
        var c = sortedExtensions.Count == 0 ? Empty : Sha12(cInput);
        return ($"{a}_{b}_{c}", $"{a}_{cipherList}_{cInput}");
    }

    /// <summary>The two-character TLS/DTLS version code of ja4_a ("13", "12", ..., "s3", "d2", "00" when unknown).</summary>
    public static string VersionCode(ushort version) => version switch
    {
        0x0304 => "13",
        0x0303 => "12",
        0x0302 => "11",
        0x0301 => "10",
        0x0300 => "s3",
        0x0002 => "s2",
        0xFEFF => "d1",
        0xFEFD => "d2",
        0xFEFC => "d3",
        _ => "00",
    };

    /// <summary>First and last character of the first ALPN value; hex digits when either byte is not alphanumeric.</summary>
    public static string AlpnCode(ReadOnlySpan<byte> alpn)
    {
        if (alpn.IsEmpty)
        {
            return "00";
        }
        var first = alpn[0];
        var last = alpn[^1];
        if (IsAlphanumeric(first) && IsAlphanumeric(last))
        {
            return string.Concat(((char)first).ToString(), ((char)last).ToString());
        }
        const string hex = "0123456789abcdef";
        return string.Concat(hex[first >> 4].ToString(), hex[last & 0xF].ToString());
    }

    private static bool IsAlphanumeric(byte b) => b is (>= 0x30 and <= 0x39) or (>= 0x41 and <= 0x5A) or (>= 0x61 and <= 0x7A);

    private static List<ushort> NonGrease(IReadOnlyList<ushort> values)
    {
        var list = new List<ushort>(values.Count);
        foreach (var v in values)
        {
            if (!TlsGrease.IsGrease(v))
            {
                list.Add(v);
            }
        }
        return list;
    }

    private static string HexList(List<ushort> values)
    {
        var sb = new StringBuilder(values.Count * 5);
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            sb.Append(values[i].ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string Sha12(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text)))[..12];
}
