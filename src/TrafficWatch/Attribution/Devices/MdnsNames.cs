namespace TrafficWatch.Attribution.Devices;

/// <summary>Helpers for DNS-SD names in presentation form (as <see cref="Decode.App.DnsNameReader"/> escapes them).</summary>
internal static class MdnsNames
{
    public const string ServiceEnumeration = "_services._dns-sd._udp";

    /// <summary>Drops a trailing root dot and a trailing <c>.local</c>.</summary>
    public static string WithoutLocal(string name)
    {
        name = WithoutRootDot(name);
        return name.EndsWith(".local", StringComparison.OrdinalIgnoreCase) ? name[..^6] : name;
    }

    public static string WithoutRootDot(string name) => name.Length > 1 && name[^1] == '.' && !IsEscaped(name, name.Length - 1) ? name[..^1] : name;

    /// <summary><c>_rtsp._tcp</c>: exactly two labels, the first starting with '_', the second <c>_tcp</c> or <c>_udp</c>.</summary>
    public static bool IsServiceType(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 1 && name[0] == '_' && name.IndexOf('\\', StringComparison.Ordinal) < 0
            && name.AsSpan(dot + 1) is "_tcp" or "_udp";
    }

    public static bool IsReverseName(string name)
    {
        name = WithoutRootDot(name);
        return name.EndsWith(".in-addr.arpa", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ip6.arpa", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Splits <c>Front\ Door._rtsp._tcp.local</c> into the instance (<c>Front\ Door</c>, still escaped as on the wire
    /// form's presentation) and the service type (<c>_rtsp._tcp</c>). Subtype names (<c>._sub.</c>) are not instances.
    /// </summary>
    public static bool TrySplitInstance(string fullName, out string instance, out string serviceType)
    {
        instance = serviceType = string.Empty;
        var name = WithoutLocal(fullName);
        var protocol = Math.Max(LastUnescaped(name, "._tcp"), LastUnescaped(name, "._udp"));
        if (protocol <= 0 || protocol + 5 != name.Length)
        {
            return false;
        }
        var serviceStart = LastUnescaped(name[..protocol], "._");
        if (serviceStart <= 0)
        {
            return false;
        }
        instance = name[..serviceStart];
        serviceType = name[(serviceStart + 1)..];
        return instance.Length > 0 && !instance.EndsWith("._sub", StringComparison.OrdinalIgnoreCase) && IsServiceType(serviceType);
    }

    private static int LastUnescaped(string name, string token)
    {
        var at = name.LastIndexOf(token, StringComparison.OrdinalIgnoreCase);
        while (at > 0 && IsEscaped(name, at))
        {
            at = name.LastIndexOf(token, at - 1, StringComparison.OrdinalIgnoreCase);
        }
        return at;
    }

    // A character is escaped when preceded by an odd number of backslashes.
    private static bool IsEscaped(string name, int index)
    {
        var slashes = 0;
        for (var i = index - 1; i >= 0 && name[i] == '\\'; i--)
        {
            slashes++;
        }
        return (slashes & 1) == 1;
    }
}
