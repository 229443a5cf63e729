using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrafficWatch.Decode.App.Tls;

/// <summary>
/// JA3 (Salesforce), as tshark 4.0 computes <c>tls.handshake.ja3_full</c>/<c>tls.handshake.ja3</c>:
/// <c>SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats</c>, decimal values joined by '-',
/// GREASE left out of ciphers, extensions and curves; the hash is the lower-case MD5 hex of that string.
/// </summary>
public static class Ja3Fingerprint
{
    public static string Build(ushort legacyVersion, IReadOnlyList<ushort> ciphers, IReadOnlyList<ushort> extensions,
        IReadOnlyList<ushort> groups, IReadOnlyList<byte> pointFormats)
    {
        ArgumentNullException.ThrowIfNull(ciphers);
        ArgumentNullException.ThrowIfNull(extensions);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(pointFormats);
        var sb = new StringBuilder(256);
        sb.Append(legacyVersion.ToString(CultureInfo.InvariantCulture)).Append(',');
        AppendList(sb, ciphers);
        sb.Append(',');
        AppendList(sb, extensions);
        sb.Append(',');
        AppendList(sb, groups);
        sb.Append(',');
        for (var i = 0; i < pointFormats.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('-');
            }
            sb.Append(pointFormats[i].ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Lower-case hex MD5 of the JA3 string (JA3 is defined on MD5; it is a fingerprint, not a security use).</summary>
    public static string Hash(string ja3)
    {
        ArgumentNullException.ThrowIfNull(ja3);
#pragma warning disable CA5351 // JA3 is defined as MD5; not used for security.
        return Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes(ja3)));
#pragma warning restore CA5351
    }

    private static void AppendList(StringBuilder sb, IReadOnlyList<ushort> values)
    {
        var first = true;
        for (var i = 0; i < values.Count; i++)
        {
            if (TlsGrease.IsGrease(values[i]))
            {
                continue;
            }
            if (!first)
            {
                sb.Append('-');
            }
            sb.Append(values[i].ToString(CultureInfo.InvariantCulture));
            first = false;
        }
    }
}
