namespace TrafficWatch.Detection;

/// <summary>Character statistics of DNS labels.</summary>
internal static class LabelEntropy
{
    /// <summary>Shannon entropy of the label's characters, in bits per character (case-insensitive).</summary>
    public static double BitsPerChar(ReadOnlySpan<char> label)
    {
        if (label.IsEmpty)
        {
            return 0;
        }
        Span<int> counts = stackalloc int[128];
        counts.Clear();
        foreach (var c in label)
        {
            counts[c < 128 ? char.ToLowerInvariant(c) : 127]++;
        }
        double entropy = 0;
        double n = label.Length;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = count / n;
                entropy -= p * Math.Log2(p);
            }
        }
        return entropy;
    }

    /// <summary>FNV-1a over the lower-cased characters: a stable 64-bit identity for a name (no per-process seed).</summary>
    public static ulong Hash(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * 1099511628211UL;
        }
        return hash;
    }
}
