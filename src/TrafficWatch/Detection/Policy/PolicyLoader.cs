using System.Globalization;
using TrafficWatch.Attribution;
using TrafficWatch.Decode;
using TrafficWatch.Enrichment;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TrafficWatch.Detection.Policy;

/// <summary>
/// Reads <c>policy.yaml</c> (schema 1, see the comments at the top of the shipped file). Every finding carries its
/// line; invalid entries are reported and skipped so <c>signatures check</c> can list them all.
/// </summary>
internal static class PolicyLoader
{
    public const int SupportedSchema = 1;

    private static readonly string[] s_rootKeys =
        ["schema", "timezone", "restricted-countries", "internal-ranges", "dns-servers", "ntp-servers", "default", "zones", "classes", "vendors", "devices"];
    private static readonly string[] s_scopeKeys = ["action", "reason", "allow", "deny", "mud"];
    private static readonly string[] s_ruleKeys = ["to", "ports", "hours", "reason"];

    public static PolicySet LoadFile(string path, List<SignatureProblem> problems, IReadOnlySet<string>? knownVendors = null)
    {
        var (yaml, root) = PolicyYaml.Open(path, Path.GetFileName(path), problems, "the policy");
        return Build(yaml, root, BaseDirectory(path), knownVendors);
    }

    /// <summary>Parses policy text; <paramref name="baseDirectory"/> resolves <c>mud:</c> paths.</summary>
    public static PolicySet Read(string text, string file, string baseDirectory, List<SignatureProblem> problems, IReadOnlySet<string>? knownVendors = null)
    {
        var (yaml, root) = PolicyYaml.Parse(text, file, Path.GetFileName(file), problems);
        return Build(yaml, root, baseDirectory, knownVendors);
    }

    private static string BaseDirectory(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";

    private static PolicySet Build(PolicyYaml yaml, YamlNode? root, string baseDirectory, IReadOnlySet<string>? knownVendors)
    {
        var defaultScope = new PolicyScope(PolicyScopeKind.Default, "default", yaml.Display, 0);
        var classes = new PolicyScope?[DeviceClassNames.All.Count];
        var zones = new Dictionary<string, PolicyScope>(StringComparer.OrdinalIgnoreCase);
        var vendors = new Dictionary<string, PolicyScope>(StringComparer.OrdinalIgnoreCase);
        var devices = new Dictionary<MacAddress, PolicyScope>();
        IReadOnlyList<string> restricted = PolicySet.DefaultRestrictedCountries;
        string? restrictedSource = null;
        var dns = new List<IpNetwork>();
        var ntp = new List<IpNetwork>();
        var internalRanges = new List<IpNetwork>();
        var timeZone = TimeZoneInfo.Utc;

        if (root is YamlMappingNode map)
        {
            var sawSchema = false;
            foreach (var (keyNode, value) in map.Children)
            {
                var key = PolicyYaml.Key(keyNode);
                switch (key)
                {
                    case "schema":
                        sawSchema = true;
                        if (PolicyYaml.ScalarOrNull(value) is not { } schemaText
                            || !int.TryParse(schemaText, NumberStyles.None, CultureInfo.InvariantCulture, out var schema) || schema != SupportedSchema)
                        {
                            yaml.Error(value.Start, $"schema must be {SupportedSchema}");
                        }
                        break;
                    case "timezone":
                        timeZone = ReadTimeZone(yaml, value) ?? timeZone;
                        break;
                    case "restricted-countries":
                        restricted = ReadCountries(yaml, value, key);
                        restrictedSource = yaml.SourceOf(keyNode.Start);
                        break;
                    case "internal-ranges":
                        ReadNetworks(yaml, value, key, internalRanges);
                        break;
                    case "dns-servers":
                        ReadNetworks(yaml, value, key, dns);
                        break;
                    case "ntp-servers":
                        ReadNetworks(yaml, value, key, ntp);
                        break;
                    case "default":
                        defaultScope = new PolicyScope(PolicyScopeKind.Default, "default", yaml.Display, PolicyYaml.LineOf(keyNode.Start));
                        ReadScope(yaml, defaultScope, value, baseDirectory);
                        break;
                    case "zones":
                        foreach (var (name, scopeNode, at) in Entries(yaml, value, key))
                        {
                            AddScope(yaml, zones, name, new PolicyScope(PolicyScopeKind.Zone, name, yaml.Display, PolicyYaml.LineOf(at)), scopeNode, at, baseDirectory);
                        }
                        break;
                    case "classes":
                        foreach (var (name, scopeNode, at) in Entries(yaml, value, key))
                        {
                            if (!DeviceClassNames.TryParse(name, out var deviceClass))
                            {
                                yaml.Error(at, $"class '{name}' is not one of {string.Join(", ", DeviceClassNames.All)}");
                                continue;
                            }
                            var scope = new PolicyScope(PolicyScopeKind.Class, name, yaml.Display, PolicyYaml.LineOf(at));
                            ReadScope(yaml, scope, scopeNode, baseDirectory);
                            classes[(int)deviceClass] = scope;
                        }
                        break;
                    case "vendors":
                        foreach (var (name, scopeNode, at) in Entries(yaml, value, key))
                        {
                            if (knownVendors is not null && !knownVendors.Contains(name))
                            {
                                yaml.Warning(at, $"vendor '{name}' is not an id in vendors.yaml, so no device will match it");
                            }
                            AddScope(yaml, vendors, name, new PolicyScope(PolicyScopeKind.Vendor, name, yaml.Display, PolicyYaml.LineOf(at)), scopeNode, at, baseDirectory);
                        }
                        break;
                    case "devices":
                        foreach (var (name, scopeNode, at) in Entries(yaml, value, key))
                        {
                            if (!MacAddress.TryParse(name, out var mac))
                            {
                                yaml.Error(at, $"'{name}' is not a MAC address like 44:19:b6:00:00:01");
                                continue;
                            }
                            var scope = new PolicyScope(PolicyScopeKind.Device, mac.ToString(), yaml.Display, PolicyYaml.LineOf(at));
                            ReadScope(yaml, scope, scopeNode, baseDirectory);
                            devices[mac] = scope;
                        }
                        break;
                    default:
                        yaml.Error(keyNode.Start, $"unknown key '{key}' (expected {string.Join(", ", s_rootKeys)})");
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
            yaml.Error(root.Start, "expected a mapping with 'schema: 1', 'default:', 'classes:' ...");
        }

        defaultScope.DefaultAction ??= ScopeDefault.Watch;
        defaultScope.Freeze();
        foreach (var scope in classes.OfType<PolicyScope>().Concat(zones.Values).Concat(vendors.Values).Concat(devices.Values))
        {
            scope.Freeze();
        }
        return new PolicySet(defaultScope, classes, zones, vendors, devices, restricted, restrictedSource,
            new PolicyServers(dns, ntp), internalRanges, timeZone, yaml.Warnings);
    }

    private static void AddScope(PolicyYaml yaml, Dictionary<string, PolicyScope> scopes, string name, PolicyScope scope, YamlNode node, Mark at, string baseDirectory)
    {
        if (scopes.TryGetValue(name, out var first))
        {
            yaml.Error(at, $"'{name}' is listed twice (first at line {first.Line})");
            return;
        }
        ReadScope(yaml, scope, node, baseDirectory);
        scopes.Add(name, scope);
    }

    private static IEnumerable<(string Name, YamlNode Node, Mark At)> Entries(PolicyYaml yaml, YamlNode value, string key)
    {
        if (PolicyYaml.IsNull(value))
        {
            yield break;
        }
        if (value is not YamlMappingNode map)
        {
            yaml.Error(value.Start, $"'{key}' must be a mapping of names to scopes");
            yield break;
        }
        foreach (var (nameNode, scopeNode) in map.Children)
        {
            var name = PolicyYaml.ScalarOrNull(nameNode);
            if (name is null)
            {
                yaml.Error(nameNode.Start, $"'{key}': names must be non-empty strings");
                continue;
            }
            yield return (name, scopeNode, nameNode.Start);
        }
    }

    private static void ReadScope(PolicyYaml yaml, PolicyScope scope, YamlNode node, string baseDirectory)
    {
        if (PolicyYaml.IsNull(node))
        {
            return;
        }
        if (node is not YamlMappingNode map)
        {
            yaml.Error(node.Start, $"{scope.Label}: expected a mapping with {string.Join(", ", s_scopeKeys)}");
            return;
        }
        (string Path, Mark At, string Source)? mud = null;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = PolicyYaml.Key(keyNode);
            switch (key)
            {
                case "action":
                    switch (PolicyYaml.ScalarOrNull(value))
                    {
                        case "allow":
                            scope.DefaultAction = ScopeDefault.Allow;
                            break;
                        case "deny":
                            scope.DefaultAction = ScopeDefault.Deny;
                            break;
                        case "watch":
                            scope.DefaultAction = ScopeDefault.Watch;
                            break;
                        default:
                            yaml.Error(value.Start, $"{scope.Label}: action must be allow, deny or watch");
                            continue;
                    }
                    scope.DefaultSource = yaml.SourceOf(keyNode.Start);
                    break;
                case "reason":
                    scope.ExplicitReason = PolicyYaml.ScalarOrNull(value);
                    if (scope.ExplicitReason is null)
                    {
                        yaml.Error(value.Start, $"{scope.Label}: reason must be a non-empty string");
                    }
                    break;
                case "allow":
                case "deny":
                    ReadRules(yaml, scope, value, key == "allow");
                    break;
                case "mud":
                    if (PolicyYaml.ScalarOrNull(value) is { } mudPath)
                    {
                        mud = (mudPath, value.Start, yaml.SourceOf(keyNode.Start));
                    }
                    else
                    {
                        yaml.Error(value.Start, $"{scope.Label}: mud must be the path of a MUD file, e.g. mud/example-camera.json");
                    }
                    break;
                default:
                    yaml.Error(keyNode.Start, $"{scope.Label}: unknown key '{key}' (expected {string.Join(", ", s_scopeKeys)})");
                    break;
            }
        }
        if (mud is { } m)
        {
            ImportMud(yaml, scope, m.Path, m.At, m.Source, baseDirectory);
        }
    }

    private static void ImportMud(PolicyYaml yaml, PolicyScope scope, string mudPath, Mark at, string source, string baseDirectory)
    {
        var fullPath = Path.GetFullPath(Path.Combine(baseDirectory, mudPath));
        if (!File.Exists(fullPath))
        {
            yaml.Error(at, $"{scope.Label}: MUD file '{mudPath}' not found (looked for {fullPath})");
            return;
        }
        var imported = MudImporter.Import(fullPath, mudPath.Replace('\\', '/'), yaml.Problems);
        if (imported is null)
        {
            return;
        }
        scope.Mud = mudPath;
        yaml.Warnings.AddRange(imported.Warnings);
        scope.PendingDeny.AddRange(imported.Deny);
        scope.PendingAllow.AddRange(imported.Allow);
        if (scope.DefaultAction is null)
        {
            scope.DefaultAction = ScopeDefault.Deny;                 // RFC 8520: what the MUD file does not permit is not expected
            scope.DefaultSource = source;
        }
    }

    private static void ReadRules(PolicyYaml yaml, PolicyScope scope, YamlNode value, bool isAllow)
    {
        if (PolicyYaml.IsNull(value))
        {
            return;
        }
        var what = isAllow ? "allow" : "deny";
        if (value is not YamlSequenceNode sequence)
        {
            yaml.Error(value.Start, $"{scope.Label}: '{what}' must be a list of rules");
            return;
        }
        foreach (var item in sequence.Children)
        {
            if (ReadRule(yaml, scope, item, isAllow) is { } rule)
            {
                (isAllow ? scope.PendingAllow : scope.PendingDeny).Add(rule);
            }
        }
    }

    private static PolicyRule? ReadRule(PolicyYaml yaml, PolicyScope scope, YamlNode item, bool isAllow)
    {
        var errorsBefore = yaml.ErrorCount;
        var line = PolicyYaml.LineOf(item.Start);
        var text = yaml.TextAt(item.Start);
        if (item is YamlScalarNode)
        {
            var selectorText = PolicyYaml.ScalarOrNull(item);
            if (selectorText is null)
            {
                yaml.Error(item.Start, $"{scope.Label}: empty rule");
                return null;
            }
            var selector = ParseSelector(yaml, selectorText, item.Start);
            return selector is null ? null : new PolicyRule(isAllow, [selector], [], null, yaml.Display, line, text, null);
        }
        if (item is not YamlMappingNode map)
        {
            yaml.Error(item.Start, $"{scope.Label}: a rule is a destination (e.g. internal, 192.0.2.0/24, *.example.com) or a mapping with {string.Join(", ", s_ruleKeys)}");
            return null;
        }
        var destinations = new List<DestinationSelector>();
        var ports = new List<PortRange>();
        TimeWindow? hours = null;
        string? reason = null;
        var conditions = 0;
        foreach (var (keyNode, value) in map.Children)
        {
            switch (PolicyYaml.Key(keyNode))
            {
                case "to":
                    conditions++;
                    foreach (var (selectorText, at) in yaml.Strings(value, "to"))
                    {
                        if (ParseSelector(yaml, selectorText, at) is { } selector)
                        {
                            destinations.Add(selector);
                        }
                    }
                    break;
                case "ports":
                    conditions++;
                    foreach (var (portText, at) in yaml.Strings(value, "ports"))
                    {
                        if (PortRange.TryParse(portText, out var range))
                        {
                            ports.Add(range);
                        }
                        else
                        {
                            yaml.Error(at, $"'{portText}' is not a port: write tcp/443, udp/123, tcp/8000-8100, 443 (TCP or UDP), tcp, udp, icmp or proto/47");
                        }
                    }
                    break;
                case "hours":
                    conditions++;
                    if (PolicyYaml.ScalarOrNull(value) is { } hoursText && TimeWindow.TryParse(hoursText, out var window))
                    {
                        hours = window;
                    }
                    else
                    {
                        yaml.Error(value.Start, "hours must be a time-of-day window like 22:00-06:00 (24-hour clock, start and end differ)");
                    }
                    break;
                case "reason":
                    reason = PolicyYaml.ScalarOrNull(value);
                    if (reason is null)
                    {
                        yaml.Error(value.Start, "reason must be a non-empty string");
                    }
                    break;
                default:
                    yaml.Error(keyNode.Start, $"unknown rule key '{PolicyYaml.Key(keyNode)}' (expected {string.Join(", ", s_ruleKeys)})");
                    break;
            }
        }
        if (conditions == 0)
        {
            yaml.Error(item.Start, "a rule needs at least one of to:, ports:, hours: (write 'to: any' to mean every destination)");
        }
        if (yaml.ErrorCount != errorsBefore)
        {
            return null;
        }
        return new PolicyRule(isAllow, destinations.Any(static d => d.Kind == SelectorKind.Any) ? [] : [.. destinations],
            [.. ports], hours, yaml.Display, line, text, reason);
    }

    /// <summary>One destination in a rule; null (with an error at <paramref name="at"/>) when it is not one.</summary>
    internal static DestinationSelector? ParseSelector(PolicyYaml yaml, string text, Mark at)
    {
        switch (text.ToLowerInvariant())
        {
            case "any":
                return DestinationSelector.Any;
            case "internal":
                return DestinationSelector.Internal;
            case "external":
                return DestinationSelector.External;
            case "dns-servers":
                return DestinationSelector.DnsServers;
            case "ntp-servers":
                return DestinationSelector.NtpServers;
        }
        if (text.StartsWith("country:", StringComparison.OrdinalIgnoreCase))
        {
            var code = text["country:".Length..].Trim().ToUpperInvariant();
            if (IsoCountryCodes.IsAlpha2(code))
            {
                return DestinationSelector.ForCountry(code);
            }
            yaml.Error(at, $"'{text}': '{code}' is not an ISO 3166 alpha-2 country code");
            return null;
        }
        if (TryParseAsn(text, out var asn, out var looksLikeAsn))
        {
            return DestinationSelector.ForAsn(asn);
        }
        if (looksLikeAsn)
        {
            yaml.Error(at, $"'{text}' is not an AS number (write AS15169 or asn:15169)");
            return null;
        }
        if (IpNetwork.TryParse(text, out var network, out var hadHostBits))
        {
            if (hadHostBits)
            {
                yaml.Warning(at, $"'{text}' has host bits set; it means {network}");
            }
            return DestinationSelector.ForNetwork(network);
        }
        if ((text.Contains('/', StringComparison.Ordinal) || text.Contains(':', StringComparison.Ordinal) || IsDigitsAndDots(text)))
        {
            yaml.Error(at, $"'{text}' is not a CIDR range or address (write 192.0.2.0/24, 198.51.100.7 or 2001:db8::/32)");
            return null;
        }
        if (DomainPattern.TryParse(text, out var domain))
        {
            return DestinationSelector.ForDomain(domain!);
        }
        var hint = s_keywords.FirstOrDefault(k => EditDistance(k, text.ToLowerInvariant()) <= 2);
        yaml.Error(at, hint is not null
            ? $"'{text}' is not a destination; did you mean '{hint}'?"
            : $"'{text}' is not a destination: write internal, external, any, dns-servers, ntp-servers, a CIDR (192.0.2.0/24), "
                + "a domain (example.com for the name itself, *.example.com for its subdomains), country:CN or AS15169");
        return null;
    }

    private static readonly string[] s_keywords = ["internal", "external", "any", "dns-servers", "ntp-servers"];

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    private static bool TryParseAsn(string text, out uint asn, out bool looksLikeAsn)
    {
        asn = 0;
        string digits;
        if (text.StartsWith("asn:", StringComparison.OrdinalIgnoreCase))
        {
            digits = text[4..].Trim();
        }
        else if (text.Length > 2 && text.StartsWith("AS", StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(text[2]))
        {
            digits = text[2..];
        }
        else
        {
            looksLikeAsn = false;
            return false;
        }
        looksLikeAsn = true;
        return uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out asn) && asn != 0;
    }

    private static bool IsDigitsAndDots(string text) => text.All(static c => char.IsAsciiDigit(c) || c == '.');

    private static TimeZoneInfo? ReadTimeZone(PolicyYaml yaml, YamlNode value)
    {
        var id = PolicyYaml.ScalarOrNull(value);
        if (id is null)
        {
            yaml.Error(value.Start, "timezone must be an IANA time zone such as Europe/London, or UTC");
            return null;
        }
        if (id is "UTC" or "Etc/UTC" or "utc")
        {
            return TimeZoneInfo.Utc;
        }
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }
        yaml.Error(value.Start, $"timezone '{id}' is not a known time zone (write an IANA name such as Europe/London, or UTC)");
        return null;
    }

    private static List<string> ReadCountries(PolicyYaml yaml, YamlNode value, string key)
    {
        var codes = new List<string>();
        foreach (var (text, at) in yaml.Strings(value, key))
        {
            var code = text.ToUpperInvariant();
            if (IsoCountryCodes.IsAlpha2(code))
            {
                codes.Add(code);
            }
            else
            {
                yaml.Error(at, $"'{text}' is not an ISO 3166 alpha-2 country code");
            }
        }
        return codes;
    }

    private static void ReadNetworks(PolicyYaml yaml, YamlNode value, string key, List<IpNetwork> into)
    {
        foreach (var (text, at) in yaml.Strings(value, key))
        {
            if (!IpNetwork.TryParse(text, out var network, out var hadHostBits))
            {
                yaml.Error(at, $"{key}: '{text}' is not an address or CIDR range (write 192.0.2.53 or 192.0.2.0/24)");
                continue;
            }
            if (hadHostBits)
            {
                yaml.Warning(at, $"{key}: '{text}' has host bits set; it means {network}");
            }
            into.Add(network);
        }
    }
}
