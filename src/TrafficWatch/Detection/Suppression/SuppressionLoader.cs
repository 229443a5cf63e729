using System.Globalization;
using TrafficWatch.Attribution;
using TrafficWatch.Decode;
using TrafficWatch.Detection.Policy;
using TrafficWatch.Enrichment;
using YamlDotNet.RepresentationModel;

namespace TrafficWatch.Detection.Suppression;

/// <summary>Reads <c>suppressions.yaml</c> (schema 1); every finding carries its line, invalid entries are skipped.</summary>
internal static class SuppressionLoader
{
    public const int SupportedSchema = 1;

    private static readonly string[] s_rootKeys = ["schema", "suppressions"];
    private static readonly string[] s_entryKeys = ["rule", "device", "destination", "expires", "reason"];

    /// <param name="path">The file.</param>
    /// <param name="problems">Findings.</param>
    /// <param name="today">When given, entries whose expiry day is before it are reported as warnings.</param>
    public static SuppressionList LoadFile(string path, List<SignatureProblem> problems, DateOnly? today)
    {
        var (yaml, root) = PolicyYaml.Open(path, Path.GetFileName(path), problems, "the suppressions");
        return Build(yaml, root, today);
    }

    public static SuppressionList Read(string text, string file, List<SignatureProblem> problems, DateOnly? today)
    {
        var (yaml, root) = PolicyYaml.Parse(text, file, Path.GetFileName(file), problems);
        return Build(yaml, root, today);
    }

    private static SuppressionList Build(PolicyYaml yaml, YamlNode? root, DateOnly? today)
    {
        var entries = new List<SuppressionEntry>();
        if (root is YamlMappingNode map)
        {
            var sawSchema = false;
            foreach (var (keyNode, value) in map.Children)
            {
                switch (PolicyYaml.Key(keyNode))
                {
                    case "schema":
                        sawSchema = true;
                        if (PolicyYaml.ScalarOrNull(value) != "1")
                        {
                            yaml.Error(value.Start, $"schema must be {SupportedSchema}");
                        }
                        break;
                    case "suppressions":
                        if (PolicyYaml.IsNull(value))
                        {
                            break;
                        }
                        if (value is not YamlSequenceNode sequence)
                        {
                            yaml.Error(value.Start, "'suppressions' must be a list of entries");
                            break;
                        }
                        foreach (var item in sequence.Children)
                        {
                            if (ReadEntry(yaml, item, today) is { } entry)
                            {
                                entries.Add(entry);
                            }
                        }
                        break;
                    default:
                        yaml.Error(keyNode.Start, $"unknown key '{PolicyYaml.Key(keyNode)}' (expected {string.Join(", ", s_rootKeys)})");
                        break;
                }
            }
            if (!sawSchema)
            {
                yaml.Error(map.Start, $"missing 'schema: {SupportedSchema}'");
            }
        }
        else if (root is not null)
        {
            yaml.Error(root.Start, "expected a mapping with 'schema: 1' and 'suppressions:'");
        }
        return new SuppressionList(entries, yaml.Warnings);
    }

    private static SuppressionEntry? ReadEntry(PolicyYaml yaml, YamlNode item, DateOnly? today)
    {
        if (item is not YamlMappingNode map)
        {
            yaml.Error(item.Start, $"each suppression must be a mapping with {string.Join(", ", s_entryKeys)}");
            return null;
        }
        var errorsBefore = yaml.ErrorCount;
        string? rule = null;
        string? reason = null;
        MacAddress? device = null;
        IpNetwork? network = null;
        DomainPattern? domain = null;
        DateOnly? expires = null;
        YamlNode? expiresNode = null;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = PolicyYaml.Key(keyNode);
            var text = PolicyYaml.ScalarOrNull(value);
            if (text is null && key is not null && s_entryKeys.Contains(key))
            {
                yaml.Error(value.Start, $"'{key}' must be a non-empty value");
                continue;
            }
            switch (key)
            {
                case "rule":
                    rule = text == "*" ? null : text;
                    if (rule is not null && !IsRuleName(rule))
                    {
                        yaml.Error(value.Start, $"rule '{text}' is not a detector name (lower-case words joined by '-', e.g. vendor-cloud) or '*'");
                    }
                    break;
                case "device":
                    if (MacAddress.TryParse(text, out var mac))
                    {
                        device = mac;
                    }
                    else
                    {
                        yaml.Error(value.Start, $"device '{text}' is not a MAC address like 44:19:b6:00:00:01");
                    }
                    break;
                case "destination":
                    if (IpNetwork.TryParse(text!, out var parsed))
                    {
                        network = parsed;
                    }
                    else if (DomainPattern.TryParse(text!, out var pattern))
                    {
                        domain = pattern;
                    }
                    else
                    {
                        yaml.Error(value.Start, $"destination '{text}' is not a CIDR, an address or a domain (example.com or *.example.com)");
                    }
                    break;
                case "expires":
                    expiresNode = value;
                    if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                    {
                        expires = day;
                    }
                    else
                    {
                        yaml.Error(value.Start, $"expires '{text}' is not a date like 2026-03-31");
                    }
                    break;
                case "reason":
                    reason = text;
                    break;
                default:
                    yaml.Error(keyNode.Start, $"unknown key '{key}' (expected {string.Join(", ", s_entryKeys)})");
                    break;
            }
        }
        if (rule is null && device is null && network is null && domain is null && yaml.ErrorCount == errorsBefore)
        {
            yaml.Error(item.Start, "a suppression needs at least one of rule, device, destination (it would hide every alert)");
        }
        if (!map.Children.Any(static c => PolicyYaml.Key(c.Key) == "expires"))
        {
            yaml.Error(item.Start, "'expires' is required (the last day the suppression applies, e.g. 2026-03-31)");
        }
        if (!map.Children.Any(static c => PolicyYaml.Key(c.Key) == "reason"))
        {
            yaml.Error(item.Start, "'reason' is required (why the finding was accepted, and by whom)");
        }
        if (yaml.ErrorCount != errorsBefore || expires is null || reason is null)
        {
            return null;
        }
        if (today is { } day0 && expires.Value < day0)
        {
            yaml.Warning(expiresNode!.Start, $"suppression expired on {expires.Value:yyyy-MM-dd}; it no longer applies (renew or remove it)");
        }
        return new SuppressionEntry(rule, device, network, domain, expires.Value, reason, yaml.Display, PolicyYaml.LineOf(item.Start), yaml.TextAt(item.Start));
    }

    private static bool IsRuleName(string rule)
        => rule.Length is > 0 and <= 64 && char.IsAsciiLetterLower(rule[0]) && rule.All(static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
