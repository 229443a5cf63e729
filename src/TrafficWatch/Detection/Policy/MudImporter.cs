using System.Globalization;
using TrafficWatch.Attribution;
using TrafficWatch.Enrichment;
using YamlDotNet.RepresentationModel;

namespace TrafficWatch.Detection.Policy;

/// <summary>
/// Imports a Manufacturer Usage Description (RFC 8520, JSON) as policy rules: the access lists named in
/// <c>from-device-policy</c> become rules for traffic the device starts. Supported matches: <c>ipv4</c>/<c>ipv6</c>
/// <c>ietf-acldns:dst-dnsname</c>, <c>destination-ipv4-network</c>/<c>destination-ipv6-network</c> and
/// <c>protocol</c>; <c>tcp</c>/<c>udp</c> <c>destination-port</c> (<c>eq</c>, <c>lte</c>, <c>gte</c> or a
/// <c>lower-port</c>/<c>upper-port</c> range); <c>icmp</c>; and <c>ietf-mud:mud</c> <c>local-networks</c>
/// (internal addresses). Entries that need a controller or manufacturer lookup (<c>controller</c>,
/// <c>my-controller</c>, <c>manufacturer</c>, <c>same-manufacturer</c>, <c>model</c>) or Ethernet matches cannot be
/// checked passively and are skipped with a warning. Entries only for connections started from outside
/// (<c>direction-initiated: to-device</c>) are skipped: they never allow the device to start a flow.
/// JSON is parsed as YAML so every finding has a line number.
/// </summary>
public static class MudImporter
{
    private static readonly string[] s_unresolvable = ["controller", "my-controller", "manufacturer", "same-manufacturer", "model"];

    /// <summary>Reads <paramref name="path"/>; null (with errors in <paramref name="problems"/>) when it is not a usable MUD file.</summary>
    /// <param name="path">The MUD file.</param>
    /// <param name="display">How rule sources name the file, e.g. <c>mud/example-camera.json</c>.</param>
    /// <param name="problems">Findings, as <c>path:line</c>.</param>
    public static MudPolicy? Import(string path, string display, List<SignatureProblem> problems)
    {
        var (yaml, root) = PolicyYaml.Open(path, display, problems, "the MUD file");
        return root is null ? null : Convert(yaml, root);
    }

    /// <summary>As <see cref="Import"/>, from text.</summary>
    public static MudPolicy? Parse(string json, string file, string display, List<SignatureProblem> problems)
    {
        var (yaml, root) = PolicyYaml.Parse(json, file, display, problems);
        return root is null ? null : Convert(yaml, root);
    }

    private static MudPolicy? Convert(PolicyYaml yaml, YamlNode root)
    {
        var errorsBefore = yaml.ErrorCount;
        if (Child(root, "ietf-mud:mud") is not YamlMappingNode mud)
        {
            yaml.Error(root.Start, "not a MUD file: no 'ietf-mud:mud' object");
            return null;
        }
        if (Scalar(mud, "mud-version") is { } version && version != "1")
        {
            yaml.Error(Child(mud, "mud-version")!.Start, $"mud-version {version} is not supported (expected 1)");
        }
        var url = Scalar(mud, "mud-url");
        var systemInfo = Scalar(mud, "systeminfo");
        var fromDevice = Child(Child(Child(mud, "from-device-policy"), "access-lists"), "access-list") as YamlSequenceNode;
        if (fromDevice is null)
        {
            yaml.Error(mud.Start, "the MUD file has no from-device-policy access-lists: nothing says what the device may reach");
            return null;
        }
        var acls = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        if (Child(Child(root, "ietf-access-control-list:acls"), "acl") is YamlSequenceNode aclList)
        {
            foreach (var acl in aclList.Children.OfType<YamlMappingNode>())
            {
                if (Scalar(acl, "name") is { } name)
                {
                    acls[name] = acl;
                }
            }
        }
        var allow = new List<PolicyRule>();
        var deny = new List<PolicyRule>();
        foreach (var reference in fromDevice.Children)
        {
            var name = Scalar(reference, "name");
            if (name is null || !acls.TryGetValue(name, out var acl))
            {
                yaml.Error(reference.Start, $"from-device-policy names access list '{name}', which is not in ietf-access-control-list:acls");
                continue;
            }
            if (Child(Child(acl, "aces"), "ace") is not YamlSequenceNode aces)
            {
                yaml.Warning(acl.Start, $"access list '{name}' has no entries");
                continue;
            }
            foreach (var ace in aces.Children)
            {
                if (ConvertAce(yaml, ace) is { } rule)
                {
                    (rule.IsAllow ? allow : deny).Add(rule);
                }
            }
        }
        if (yaml.ErrorCount != errorsBefore)
        {
            return null;
        }
        return new MudPolicy(url, systemInfo, allow, deny, yaml.Warnings);
    }

    private static PolicyRule? ConvertAce(PolicyYaml yaml, YamlNode ace)
    {
        var name = Scalar(ace, "name") ?? $"at line {PolicyYaml.LineOf(ace.Start)}";
        var forwarding = Scalar(Child(ace, "actions"), "forwarding");
        var isAllow = forwarding switch
        {
            "accept" or "ietf-access-control-list:accept" => true,
            "drop" or "reject" or "ietf-access-control-list:drop" or "ietf-access-control-list:reject" => false,
            _ => (bool?)null,
        };
        if (isAllow is null)
        {
            yaml.Error(ace.Start, $"ace '{name}': actions.forwarding must be accept, drop or reject");
            return null;
        }
        if (Child(ace, "matches") is not YamlMappingNode matches)
        {
            yaml.Error(ace.Start, $"ace '{name}': no matches");
            return null;
        }
        var destinations = new List<DestinationSelector>();
        byte protocol = 0;
        PortRange? ports = null;
        var errorsBefore = yaml.ErrorCount;
        foreach (var (keyNode, value) in matches.Children)
        {
            var key = PolicyYaml.Key(keyNode);
            switch (key)
            {
                case "ipv4":
                case "ipv6":
                    if (Scalar(value, "ietf-acldns:dst-dnsname") is { } host)
                    {
                        if (DomainPattern.TryParse(host, out var domain) && !domain!.Subdomains)
                        {
                            destinations.Add(DestinationSelector.ForDomain(domain));
                        }
                        else
                        {
                            yaml.Error(value.Start, $"ace '{name}': dst-dnsname '{host}' is not a host name");
                        }
                    }
                    var networkKey = key == "ipv4" ? "destination-ipv4-network" : "destination-ipv6-network";
                    if (Scalar(value, networkKey) is { } cidr)
                    {
                        if (IpNetwork.TryParse(cidr, out var network))
                        {
                            destinations.Add(DestinationSelector.ForNetwork(network));
                        }
                        else
                        {
                            yaml.Error(value.Start, $"ace '{name}': {networkKey} '{cidr}' is not a CIDR range");
                        }
                    }
                    if (Scalar(value, "protocol") is { } protocolText)
                    {
                        if (!byte.TryParse(protocolText, NumberStyles.None, CultureInfo.InvariantCulture, out protocol))
                        {
                            yaml.Error(value.Start, $"ace '{name}': protocol '{protocolText}' is not a protocol number");
                        }
                    }
                    if (Scalar(value, "ietf-acldns:src-dnsname") is not null || Scalar(value, key == "ipv4" ? "source-ipv4-network" : "source-ipv6-network") is not null)
                    {
                        yaml.Warning(value.Start, $"ace '{name}': source matches are ignored (the source is the device itself)");
                    }
                    break;
                case "tcp":
                case "udp":
                    var transport = key == "tcp" ? PortRange.Tcp : PortRange.Udp;
                    if (protocol != 0 && protocol != transport)
                    {
                        yaml.Error(value.Start, $"ace '{name}': {key} matches contradict protocol {protocol}");
                        break;
                    }
                    protocol = transport;
                    if (Scalar(value, "ietf-mud:direction-initiated") == "to-device")
                    {
                        return null;                                 // replies to connections started from outside
                    }
                    if (Child(value, "destination-port") is { } portNode)
                    {
                        ports = ReadPort(yaml, name, transport, portNode);
                    }
                    if (Child(value, "source-port") is not null)
                    {
                        yaml.Warning(value.Start, $"ace '{name}': source-port is ignored");
                    }
                    break;
                case "icmp":
                    protocol = protocol == 0 ? PortRange.Icmp : protocol;
                    break;
                case "ietf-mud:mud":
                    if (value is YamlMappingNode mudMatch)
                    {
                        foreach (var (mudKey, _) in mudMatch.Children)
                        {
                            var mudName = PolicyYaml.Key(mudKey);
                            if (mudName == "local-networks")
                            {
                                destinations.Add(DestinationSelector.Internal);
                            }
                            else
                            {
                                yaml.Warning(mudKey.Start, s_unresolvable.Contains(mudName)
                                    ? $"ace '{name}': '{mudName}' cannot be resolved by passive monitoring; entry skipped"
                                    : $"ace '{name}': unknown MUD match '{mudName}'; entry skipped");
                                return null;
                            }
                        }
                    }
                    break;
                default:
                    yaml.Warning(keyNode.Start, $"ace '{name}': '{key}' matches are not supported; entry skipped");
                    return null;
            }
        }
        if (yaml.ErrorCount != errorsBefore)
        {
            return null;
        }
        PortRange[] portRanges = ports is { } range ? [range]
            : protocol != 0 ? [new PortRange(protocol, 0, ushort.MaxValue)]
            : [];
        var text = $"ace '{name}': {forwarding} {(portRanges.Length == 0 ? "any protocol" : portRanges[0].ToString())} to "
            + (destinations.Count == 0 ? "anywhere" : string.Join(", ", destinations.Select(static d => d.Describe())));
        return new PolicyRule(isAllow.Value, [.. destinations], portRanges, null, yaml.Display, PolicyYaml.LineOf(ace.Start), text, null);
    }

    private static PortRange? ReadPort(PolicyYaml yaml, string name, byte protocol, YamlNode node)
    {
        var op = Scalar(node, "operator") ?? "eq";
        if (Scalar(node, "lower-port") is { } lowerText && Scalar(node, "upper-port") is { } upperText)
        {
            if (ushort.TryParse(lowerText, NumberStyles.None, CultureInfo.InvariantCulture, out var lower)
                && ushort.TryParse(upperText, NumberStyles.None, CultureInfo.InvariantCulture, out var upper) && lower <= upper)
            {
                return new PortRange(protocol, lower, upper);
            }
            yaml.Error(node.Start, $"ace '{name}': port range {lowerText}-{upperText} is not valid");
            return null;
        }
        if (!ushort.TryParse(Scalar(node, "port"), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            yaml.Error(node.Start, $"ace '{name}': destination-port needs a port (or lower-port and upper-port)");
            return null;
        }
        switch (op)
        {
            case "eq":
                return new PortRange(protocol, port, port);
            case "lte":
                return new PortRange(protocol, 0, port);
            case "gte":
                return new PortRange(protocol, port, ushort.MaxValue);
            default:
                yaml.Error(node.Start, $"ace '{name}': port operator '{op}' is not supported (eq, lte, gte or a range)");
                return null;
        }
    }

    private static YamlNode? Child(YamlNode? node, string key)
        => node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlNode? node, string key) => Child(node, key) is { } child ? PolicyYaml.ScalarOrNull(child) : null;
}
