namespace TrafficWatch.Detection;

/// <summary>
/// An approximation of a name's registered domain (eTLD+1) without the full Public Suffix List: the last two
/// labels, or the last three when the last two are a common public second-level suffix such as <c>co.uk</c> or
/// <c>com.cn</c> (a small built-in list). Good enough to group lookups by the party that controls them.
/// </summary>
internal static class RegisteredDomain
{
    private static readonly HashSet<string> s_publicSecondLevel = new(StringComparer.OrdinalIgnoreCase)
    {
        "co.uk", "org.uk", "gov.uk", "ac.uk", "ltd.uk", "plc.uk", "net.uk", "me.uk", "sch.uk", "nhs.uk", "police.uk",
        "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "com.hk", "com.tw", "com.sg", "com.my",
        "com.au", "net.au", "org.au", "gov.au", "edu.au", "co.nz", "co.jp", "ne.jp", "or.jp", "co.kr", "co.in",
        "co.za", "com.br", "com.mx", "com.tr", "co.il", "com.ru", "com.ua", "com.ar",
    };
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_publicSecondLevel.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Splits <paramref name="name"/> (no trailing dot) into the registered domain and the labels in front of it
    /// (<paramref name="subdomainLength"/> characters, without the separating dot; 0 when there are none).
    /// Returns the start index of the registered domain, or -1 for a single-label name.
    /// </summary>
    public static int Find(ReadOnlySpan<char> name, out int subdomainLength)
    {
        subdomainLength = 0;
        var last = name.LastIndexOf('.');
        if (last <= 0)
        {
            return -1;
        }
        var second = name[..last].LastIndexOf('.');
        var start = second + 1;
        if (second > 0 && s_lookup.Contains(name[start..]))
        {
            var third = name[..second].LastIndexOf('.');
            start = third + 1;
        }
        subdomainLength = start == 0 ? 0 : start - 1;
        return start;
    }

    /// <summary>The registered domain of a name, lower-case, or the name itself when it has a single label.</summary>
    public static string Of(string name)
    {
        var trimmed = name.AsSpan().TrimEnd('.');
        var start = Find(trimmed, out _);
        return (start < 0 ? trimmed : trimmed[start..]).ToString().ToLowerInvariant();
    }
}
