namespace TrafficWatch.Attribution;

/// <summary>Syntax checks and normalisation for the domain suffixes listed in signature files.</summary>
internal static class DomainNames
{
    /// <summary>
    /// A registrable-looking host name: at least two dot-separated labels of 1-63 letters, digits or hyphens
    /// (no leading/trailing hyphen), at most 253 characters, no wildcard, a top-level label that is not all digits.
    /// </summary>
    public static bool IsValidSuffix(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 253)
        {
            return false;
        }
        var labels = 0;
        var lastLabelAllDigits = false;
        foreach (var range in name.Split('.'))
        {
            var label = name[range];
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
            var allDigits = true;
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
                allDigits &= char.IsAsciiDigit(c);
            }
            lastLabelAllDigits = allDigits;
            labels++;
        }
        return labels >= 2 && !lastLabelAllDigits;
    }

    /// <summary>Lower-case, without a trailing root dot.</summary>
    public static string Normalize(string name) => name.TrimEnd('.').ToLowerInvariant();
}
