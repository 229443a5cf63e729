namespace TrafficWatch.Outputs.Metrics;

/// <summary>Removes configured secrets (token, password) from any text before it is logged or thrown.</summary>
internal sealed class SecretMasker
{
    public const string Mask = "***";

    private readonly string[] _secrets;

    public SecretMasker(params string?[] secrets)
    {
        var list = new List<string>(secrets.Length * 2);
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }
            list.Add(secret);
            var escaped = Uri.EscapeDataString(secret);
            if (!string.Equals(escaped, secret, StringComparison.Ordinal))
            {
                list.Add(escaped);
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        list.Sort(static (a, b) => b.Length.CompareTo(a.Length));
        _secrets = [.. list];
    }

    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }
        return text.Length > 1024 ? string.Concat(text.AsSpan(0, 1024), "...") : text;
    }
}
