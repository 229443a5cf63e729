using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TrafficWatch.Outputs.Email;

/// <summary>
/// Validates the SMTP server's certificate: the platform's validation (chain, name, revocation when enabled)
/// must pass, unless the certificate is exactly the one configured in
/// <see cref="EmailOptions.TrustedCertificateFile"/> or <see cref="EmailOptions.TrustedCertificateThumbprint"/>
/// (a pin, for self-signed test servers and private relays).
/// </summary>
internal sealed class ServerCertificateTrust
{
    private readonly HashSet<string> _pinnedSha256 = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pinnedSha1 = new(StringComparer.Ordinal);

    public ServerCertificateTrust(EmailOptions options)
    {
        if (!string.IsNullOrEmpty(options.TrustedCertificateFile))
        {
            using var pinned = LoadCertificate(options.TrustedCertificateFile);
            _pinnedSha256.Add(Convert.ToHexString(SHA256.HashData(pinned.RawDataMemory.Span)));
        }
        if (NormalizeThumbprint(options.TrustedCertificateThumbprint) is { } thumbprint)
        {
            (thumbprint.Length == 64 ? _pinnedSha256 : _pinnedSha1).Add(thumbprint);
        }
    }

    /// <summary>The last rejection, for the log and <c>email test</c>: policy errors and the SHA-256 thumbprint to pin.</summary>
    public string? LastRejection { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (certificate is null)
        {
            LastRejection = $"server certificate rejected ({errors})";
            return false;
        }
        var raw = certificate.GetRawCertData();
        var sha256 = Convert.ToHexString(SHA256.HashData(raw));
        if (_pinnedSha256.Contains(sha256))
        {
            return true;
        }
        if (_pinnedSha1.Count > 0)
        {
#pragma warning disable CA5350 // SHA-1 only compares a thumbprint the operator configured, as Windows shows them.
            if (_pinnedSha1.Contains(Convert.ToHexString(SHA1.HashData(raw))))
#pragma warning restore CA5350
            {
                return true;
            }
        }
        LastRejection = $"server certificate rejected ({errors}); SHA-256 thumbprint {sha256}";
        return false;
    }

    /// <summary>Upper-case hex without separators when the text is a SHA-1 or SHA-256 thumbprint, else null.</summary>
    public static string? NormalizeThumbprint(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var hex = new string([.. text.Where(static c => c is not (':' or ' ' or '-'))]).ToUpperInvariant();
        return hex.Length is 40 or 64 && hex.All(Uri.IsHexDigit) ? hex : null;
    }

    /// <summary>True when <paramref name="path"/> holds a readable certificate.</summary>
    public static bool CanLoad(string path)
    {
        try
        {
            using var certificate = LoadCertificate(path);
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private static X509Certificate2 LoadCertificate(string path)
    {
        var text = File.ReadAllText(path);
        return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text)
            : X509CertificateLoader.LoadCertificateFromFile(path);
    }
}
