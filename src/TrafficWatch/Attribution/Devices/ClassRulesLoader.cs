using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TrafficWatch.Attribution.Devices;

/// <summary>
/// Reads <c>classes.yaml</c> through YamlDotNet's representation model so every finding carries its line (the
/// style of <see cref="VendorSignaturesLoader"/>). Invalid rules are reported and skipped; the rest still load.
/// </summary>
internal static class ClassRulesLoader
{
    public const int SupportedSchema = 1;

    private const RegexOptions PatternOptions = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly string[] s_rootKeys =
    [
        "schema", "weights", ClassRuleSections.Services, ClassRuleSections.DhcpVendorClass, ClassRuleSections.Names,
        ClassRuleSections.Mdns, ClassRuleSections.Ssdp, ClassRuleSections.UserAgent,
    ];

    private static readonly string[] s_weightKeys = ["vendor", "vendor-secondary", "router", "unanswered-service"];

    public static ClassRules LoadFile(string path, List<SignatureProblem> problems)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new SignatureProblem(path, 0, ProblemSeverity.Error, $"cannot read class rules: {ex.Message}"));
            return ClassRules.Empty;
        }
        using (reader)
        {
            return Read(reader, path, problems);
        }
    }

    public static ClassRules Read(TextReader reader, string file, List<SignatureProblem> problems)
    {
        var fileName = Path.GetFileName(file);
        void Error(Mark at, string message) => problems.Add(new SignatureProblem(file, LineOf(at), ProblemSeverity.Error, message));

        var stream = new YamlStream();
        var scanner = new Scanner(reader);
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            Error(ex.Start, StripMark(ex));
            return ClassRules.Empty;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            Error(scanner.CurrentPosition,
                $"YAML syntax error: the parser stopped here; look for an unclosed '[', '{{' or quote on this or an earlier line ({ex.Message})");
            return ClassRules.Empty;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error(stream.Documents.Count == 0 ? Mark.Empty : stream.Documents[0].RootNode.Start,
                "expected a mapping with 'schema: 1' and rule sections (services:, names:, ...)");
            return ClassRules.Empty;
        }
        if (stream.Documents.Count > 1)
        {
            Error(stream.Documents[1].RootNode.Start, "only one YAML document is allowed");
        }

        double vendor = ClassRules.Empty.VendorWeight, vendorSecondary = ClassRules.Empty.VendorSecondaryWeight;
        double router = ClassRules.Empty.RouterWeight, unanswered = ClassRules.Empty.UnansweredServiceFactor;
        var rules = new List<ClassRule>();
        var sawSchema = false;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            switch (key)
            {
                case "schema":
                    sawSchema = true;
                    if (value is not YamlScalarNode { Value: { } text }
                        || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var schema)
                        || schema != SupportedSchema)
                    {
                        Error(value.Start, $"schema must be {SupportedSchema}");
                    }
                    break;
                case "weights":
                    if (value is not YamlMappingNode weights)
                    {
                        Error(value.Start, "'weights' must be a mapping (vendor:, vendor-secondary:, router:, unanswered-service:)");
                        break;
                    }
                    foreach (var (weightKey, weightValue) in weights.Children)
                    {
                        var name = (weightKey as YamlScalarNode)?.Value;
                        if (Array.IndexOf(s_weightKeys, name) < 0)
                        {
                            Error(weightKey.Start, $"weights: unknown key '{name}' (expected {string.Join(", ", s_weightKeys)})");
                            continue;
                        }
                        if (!TryWeight(weightValue, out var weight))
                        {
                            Error(weightValue.Start, $"weights: '{name}' must be a number above 0 and at most 1");
                            continue;
                        }
                        switch (name)
                        {
                            case "vendor": vendor = weight; break;
                            case "vendor-secondary": vendorSecondary = weight; break;
                            case "router": router = weight; break;
                            default: unanswered = weight; break;
                        }
                    }
                    break;
                case ClassRuleSections.Services or ClassRuleSections.DhcpVendorClass or ClassRuleSections.Names
                    or ClassRuleSections.Mdns or ClassRuleSections.Ssdp or ClassRuleSections.UserAgent:
                    if (value is YamlScalarNode scalar && IsNull(scalar))
                    {
                        break;
                    }
                    if (value is not YamlSequenceNode sequence)
                    {
                        Error(value.Start, $"'{key}' must be a list of rules");
                        break;
                    }
                    foreach (var item in sequence.Children)
                    {
                        if (ReadRule(key, item, fileName, Error) is { } rule)
                        {
                            rules.Add(rule);
                        }
                    }
                    break;
                default:
                    Error(keyNode.Start, $"unknown key '{key}' (expected {string.Join(", ", s_rootKeys)})");
                    break;
            }
        }
        if (!sawSchema)
        {
            Error(root.Start, $"missing 'schema: {SupportedSchema}'");
        }
        return new ClassRules(vendor, vendorSecondary, router, unanswered, rules);
    }

    private static ClassRule? ReadRule(string section, YamlNode node, string fileName, Action<Mark, string> error)
    {
        var line = LineOf(node.Start);
        var label = $"{section} rule at line {line}";
        if (node is not YamlMappingNode map)
        {
            error(node.Start, $"{label}: each rule must be a mapping (class:, weight:, ...)");
            return null;
        }
        var textKey = section switch
        {
            ClassRuleSections.Services => "name",
            ClassRuleSections.Mdns => "service",
            _ => "match",
        };
        string[] allowed = section == ClassRuleSections.Services
            ? ["name", "ports", "class", "weight", "note"]
            : [textKey, "class", "weight", "note"];
        string? text = null;
        DeviceClass? deviceClass = null;
        double? weight = null;
        Regex? pattern = null;
        var ports = new List<(byte, ushort)>();
        var ok = true;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            if (Array.IndexOf(allowed, key) < 0)
            {
                error(keyNode.Start, $"{label}: unknown key '{key}' (expected {string.Join(", ", allowed)})");
                ok = false;
                continue;
            }
            switch (key)
            {
                case "class":
                    if (ScalarOrNull(value) is { } className && DeviceClassNames.TryParse(className, out var parsedClass)
                        && parsedClass != DeviceClass.Unknown)
                    {
                        deviceClass = parsedClass;
                    }
                    else
                    {
                        error(value.Start, $"{label}: class must be one of {string.Join(", ", DeviceClassNames.All.Skip(1))}");
                        ok = false;
                    }
                    break;
                case "weight":
                    if (TryWeight(value, out var parsedWeight))
                    {
                        weight = parsedWeight;
                    }
                    else
                    {
                        error(value.Start, $"{label}: weight must be a number above 0 and at most 1");
                        ok = false;
                    }
                    break;
                case "ports":
                    if (value is not YamlSequenceNode portList || portList.Children.Count == 0)
                    {
                        error(value.Start, $"{label}: 'ports' must be a non-empty list like [tcp/554, udp/3702]");
                        ok = false;
                        break;
                    }
                    foreach (var item in portList.Children)
                    {
                        if (ScalarOrNull(item) is { } portText && ServicePorts.TryParse(portText, out var protocol, out var port))
                        {
                            ports.Add((protocol, port));
                        }
                        else
                        {
                            error(item.Start, $"{label}: '{ScalarOrNull(item)}' is not a port like tcp/554 or udp/3702");
                            ok = false;
                        }
                    }
                    break;
                case "note":
                    break;
                default:
                    text = ScalarOrNull(value);
                    if (text is null)
                    {
                        error(value.Start, $"{label}: '{key}' must be a non-empty string");
                        ok = false;
                    }
                    else if (key == "match")
                    {
                        try
                        {
                            pattern = new Regex(text, PatternOptions);
                        }
                        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
                        {
                            error(value.Start, $"{label}: '{text}' is not a usable regular expression ({ex.Message})");
                            ok = false;
                        }
                    }
                    else if (key == "service" && !IsServiceType(text))
                    {
                        error(value.Start, $"{label}: '{text}' is not a DNS-SD service type like _rtsp._tcp");
                        ok = false;
                    }
                    break;
            }
        }
        if (text is null && ok)
        {
            error(node.Start, $"{label}: '{textKey}' is required");
            ok = false;
        }
        if (deviceClass is null && ok)
        {
            error(node.Start, $"{label}: 'class' is required");
            ok = false;
        }
        if (weight is null && ok)
        {
            error(node.Start, $"{label}: 'weight' is required");
            ok = false;
        }
        if (section == ClassRuleSections.Services && ports.Count == 0 && ok)
        {
            error(node.Start, $"{label}: 'ports' is required");
            ok = false;
        }
        if (!ok)
        {
            return null;
        }
        return new ClassRule
        {
            Section = section,
            Text = text!,
            Class = deviceClass!.Value,
            Weight = weight!.Value,
            Reference = $"{fileName}:{line}",
            Pattern = pattern,
            Ports = ports,
        };
    }

    private static bool IsServiceType(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 2 && parts[0].Length is > 1 and <= 64 && parts[0][0] == '_'
            && parts[0].Skip(1).All(static c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && parts[1] is "_tcp" or "_udp";
    }

    private static bool TryWeight(YamlNode node, out double weight)
    {
        weight = 0;
        return ScalarOrNull(node) is { } text
            && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out weight)
            && weight is > 0 and <= 1;
    }

    private static string? ScalarOrNull(YamlNode node)
        => node is YamlScalarNode scalar && !IsNull(scalar) && !string.IsNullOrWhiteSpace(scalar.Value) ? scalar.Value.Trim() : null;

    private static bool IsNull(YamlScalarNode scalar)
        => scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static int LineOf(Mark mark) => (int)Math.Max(mark.Line, 0);

    private static string StripMark(YamlException ex)
    {
        var message = ex.Message;
        var cut = message.StartsWith("(Line:", StringComparison.Ordinal) ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        return $"YAML syntax error: {(cut < 0 ? message : message[(cut + 3)..])}";
    }
}
