using TrafficWatch.Attribution;

namespace TrafficWatch.Detection.Policy;

/// <summary>
/// A domain in a policy or suppression: <c>example.com</c> matches that name exactly (the apex only);
/// <c>*.example.com</c> matches every name below it (<c>a.example.com</c>, <c>a.b.example.com</c>) but not the apex,
/// which must be listed on its own. Case-insensitive; a trailing root dot on the name is ignored. Allocation-free.
/// </summary>
public sealed class DomainPattern
{
    private DomainPattern(string domain, bool subdomains)
    {
        Domain = domain;
        Subdomains = subdomains;
    }

    /// <summary>The name without <c>*.</c>, lower case.</summary>
    public string Domain { get; }

    /// <summary>True for <c>*.example.com</c>.</summary>
    public bool Subdomains { get; }

    public static bool TryParse(string text, out DomainPattern? pattern)
    {
        pattern = null;
        var subdomains = text.StartsWith("*.", StringComparison.Ordinal);
        var domain = DomainNames.Normalize(subdomains ? text[2..] : text);
        if (!DomainNames.IsValidSuffix(domain))
        {
            return false;
        }
        pattern = new DomainPattern(domain, subdomains);
        return true;
    }

    /// <summary>Whether <paramref name="name"/> (a host name from DNS/SNI/HTTP) is covered.</summary>
    public bool Matches(ReadOnlySpan<char> name)
    {
        if (!name.IsEmpty && name[^1] == '.')
        {
            name = name[..^1];
        }
        if (!Subdomains)
        {
            return name.Equals(Domain, StringComparison.OrdinalIgnoreCase);
        }
        return name.Length > Domain.Length + 1
            && name[^(Domain.Length + 1)] == '.'
            && name[^Domain.Length..].Equals(Domain, StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString() => Subdomains ? "*." + Domain : Domain;
}
