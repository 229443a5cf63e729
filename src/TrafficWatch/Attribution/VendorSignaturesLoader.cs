using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TrafficWatch.Attribution;

/// <summary>
/// Reads <c>vendors.yaml</c> through YamlDotNet's representation model so every finding carries the line it is on.
/// Invalid entries are reported and skipped; the rest still load, so <c>SignatureCheck</c> can list everything.
/// </summary>
internal static class VendorSignaturesLoader
{
    public const int SupportedSchema = 1;

    private static readonly string[] s_rootKeys = ["schema", "vendors"];
    private static readonly string[] s_vendorKeys = ["id", "name", "parent", "ieee", "country", "classes", "domains", "asns", "sources"];

    public static VendorSignatures LoadFile(string path, OuiRegistry? registry, List<SignatureProblem> problems)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new SignatureProblem(path, 0, ProblemSeverity.Error, $"cannot read vendor signatures: {ex.Message}"));
            return new VendorSignatures([], []);
        }
        using (reader)
        {
            return Read(reader, path, registry, problems);
        }
    }

    public static VendorSignatures Read(TextReader reader, string file, OuiRegistry? registry, List<SignatureProblem> problems)
    {
        var context = new VendorLoadContext(file, registry, problems);
        var stream = new YamlStream();
        var scanner = new Scanner(reader);
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            context.Error(ex.Start, StripMark(ex));
            return context.Build();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 16 throws these (not YamlException) for some truncated inputs, e.g. an unclosed '[' at
            // the end of the file; the scanner still knows how far it got.
            context.Error(scanner.CurrentPosition,
                $"YAML syntax error: the parser stopped here; look for an unclosed '[', '{{' or quote on this or an earlier line ({ex.Message})");
            return context.Build();
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = stream.Documents.Count == 0 ? Mark.Empty : stream.Documents[0].RootNode.Start;
            context.Error(at, "expected a mapping with 'schema: 1' and 'vendors:'");
            return context.Build();
        }
        if (stream.Documents.Count > 1)
        {
            context.Error(stream.Documents[1].RootNode.Start, "only one YAML document is allowed");
        }

        YamlSequenceNode? vendors = null;
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
                        context.Error(value.Start, $"schema must be {SupportedSchema}");
                    }
                    break;
                case "vendors":
                    vendors = value as YamlSequenceNode;
                    if (vendors is null)
                    {
                        context.Error(value.Start, "'vendors' must be a list of vendor entries");
                    }
                    break;
                default:
                    context.Error(keyNode.Start, $"unknown key '{key}' (expected {string.Join(", ", s_rootKeys)})");
                    break;
            }
        }
        if (!sawSchema)
        {
            context.Error(root.Start, $"missing 'schema: {SupportedSchema}'");
        }
        if (vendors is not null)
        {
            foreach (var item in vendors.Children)
            {
                ReadVendor(item, context);
            }
            CheckParents(context);
        }
        return context.Build();
    }

    private static void ReadVendor(YamlNode node, VendorLoadContext context)
    {
        if (node is not YamlMappingNode map)
        {
            context.Error(node.Start, "each vendor must be a mapping (id:, name:, ieee:, ...)");
            return;
        }

        var line = LineOf(node.Start);
        var idNode = map.Children.FirstOrDefault(static c => c.Key is YamlScalarNode { Value: "id" }).Value;
        var id = idNode is null ? null : ScalarOrNull(idNode);
        var label = id is null ? $"vendor at line {line}" : $"vendor '{id}'";
        var errorsBefore = context.ErrorCount;

        if (id is null)
        {
            context.Error(node.Start, "vendor has no 'id'");
        }
        else if (!IsValidId(id))
        {
            context.Error(idNode!.Start, $"{label}: id must be lower-case letters, digits and '-'");
        }
        else if (context.Ids.TryGetValue(id, out var firstLine))
        {
            context.Error(idNode!.Start, $"{label}: duplicate id (first defined at line {firstLine})");
        }
        else
        {
            context.Ids.Add(id, line);
        }

        string? name = null;
        string? parent = null;
        string? country = null;
        var ieee = new List<string>();
        var classes = new List<DeviceClass>();
        var domains = new List<string>();
        var asns = new List<uint>();
        var sources = new List<string>();
        Mark parentMark = default;

        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            switch (key)
            {
                case "id":
                    break;
                case "name":
                    name = RequireScalar(value, label, key, context);
                    break;
                case "parent":
                    parent = RequireScalar(value, label, key, context);
                    parentMark = value.Start;
                    break;
                case "country":
                    country = ScalarOrNull(value);
                    if (country is not null && !IsoCountryCodes.IsAlpha2(country))
                    {
                        context.Error(value.Start, $"{label}: country '{country}' is not an ISO 3166 alpha-2 code");
                        country = null;
                    }
                    break;
                case "ieee":
                    foreach (var (text, at) in Strings(value, label, key, context))
                    {
                        ReadOrganization(text, at, id, label, ieee, context);
                    }
                    break;
                case "classes":
                    foreach (var (text, at) in Strings(value, label, key, context))
                    {
                        if (DeviceClassNames.TryParse(text, out var deviceClass))
                        {
                            classes.Add(deviceClass);
                        }
                        else
                        {
                            context.Error(at, $"{label}: class '{text}' is not one of {string.Join(", ", DeviceClassNames.All)}");
                        }
                    }
                    break;
                case "domains":
                    foreach (var (text, at) in Strings(value, label, key, context))
                    {
                        ReadDomain(text, at, id, label, domains, context);
                    }
                    break;
                case "asns":
                    foreach (var (text, at) in Strings(value, label, key, context))
                    {
                        ReadAsn(text, at, label, asns, context);
                    }
                    break;
                case "sources":
                    foreach (var (text, _) in Strings(value, label, key, context))
                    {
                        sources.Add(text);
                    }
                    break;
                default:
                    context.Error(keyNode.Start, $"{label}: unknown key '{key}' (expected {string.Join(", ", s_vendorKeys)})");
                    break;
            }
        }

        if (name is null)
        {
            context.Error(node.Start, $"{label}: 'name' is required");
        }
        if (classes.Count == 0)
        {
            classes.Add(DeviceClass.Unknown);
        }
        if ((domains.Count > 0 || asns.Count > 0) && sources.Count == 0)
        {
            context.Warning(node.Start, $"{label}: domains/asns listed without 'sources'");
        }
        if (context.ErrorCount != errorsBefore || id is null || name is null)
        {
            return;
        }

        context.Vendors.Add(new VendorEntry
        {
            Id = id,
            DisplayName = name,
            Parent = parent,
            IeeeOrganizations = ieee,
            Country = country,
            Classes = classes.Distinct().ToList(),
            Domains = domains,
            Asns = asns,
            Sources = sources,
            Line = line,
        });
        if (parent is not null)
        {
            context.ParentRefs.Add((id, parent, parentMark));
        }
    }

    private static void ReadOrganization(string text, Mark at, string? id, string label, List<string> ieee, VendorLoadContext context)
    {
        if (context.Organizations.TryGetValue(text, out var owner))
        {
            context.Error(at, $"{label}: IEEE organization '{text}' is already claimed by vendor '{owner}'");
            return;
        }
        context.Organizations.Add(text, id ?? "?");
        ieee.Add(text);
        if (context.Registry is { } registry && !registry.ContainsOrganization(text))
        {
            var hint = registry.Organizations.FirstOrDefault(o => string.Equals(o, text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(o.Trim().TrimEnd('.'), text.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
            context.Warning(at, hint is null
                ? $"{label}: IEEE organization '{text}' is not in the registry"
                : $"{label}: IEEE organization '{text}' is not in the registry; did you mean '{hint}'?");
        }
    }

    private static void ReadDomain(string text, Mark at, string? id, string label, List<string> domains, VendorLoadContext context)
    {
        var domain = DomainNames.Normalize(text);
        if (!DomainNames.IsValidSuffix(domain))
        {
            context.Error(at, $"{label}: '{text}' is not a valid domain name (write a suffix like 'example.com', no scheme, path or '*')");
            return;
        }
        if (context.Domains.TryGetValue(domain, out var owner))
        {
            context.Error(at, $"{label}: domain '{domain}' is already listed by vendor '{owner}'");
            return;
        }
        context.Domains.Add(domain, id ?? "?");
        domains.Add(domain);
    }

    private static void ReadAsn(string text, Mark at, string label, List<uint> asns, VendorLoadContext context)
    {
        var digits = text.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (!uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var asn) || IsReservedAsn(asn))
        {
            context.Error(at, $"{label}: '{text}' is not a public AS number");
            return;
        }
        asns.Add(asn);
    }

    // RFC 7607 (0), RFC 6793 (23456), RFC 5398 (documentation), RFC 6996 (private), RFC 7300 (last of each range).
    private static bool IsReservedAsn(uint asn)
        => asn is 0 or 23456 or (>= 64496 and <= 65535) or (>= 65536 and <= 65551) or >= 4_200_000_000;

    private static void CheckParents(VendorLoadContext context)
    {
        foreach (var (id, parent, at) in context.ParentRefs)
        {
            if (parent == id)
            {
                context.Error(at, $"vendor '{id}': parent cannot be the vendor itself");
            }
            else if (!context.Ids.ContainsKey(parent))
            {
                context.Error(at, $"vendor '{id}': parent '{parent}' is not a vendor id in this file");
            }
        }
    }

    private static IEnumerable<(string Text, Mark At)> Strings(YamlNode value, string label, string key, VendorLoadContext context)
    {
        if (value is YamlScalarNode scalar && IsNull(scalar))
        {
            yield break;
        }
        if (value is not YamlSequenceNode sequence)
        {
            context.Error(value.Start, $"{label}: '{key}' must be a list");
            yield break;
        }
        foreach (var item in sequence.Children)
        {
            var text = ScalarOrNull(item);
            if (text is null)
            {
                context.Error(item.Start, $"{label}: '{key}' entries must be non-empty strings");
                continue;
            }
            yield return (text, item.Start);
        }
    }

    private static string? RequireScalar(YamlNode value, string label, string key, VendorLoadContext context)
    {
        var text = ScalarOrNull(value);
        if (text is null)
        {
            context.Error(value.Start, $"{label}: '{key}' must be a non-empty string");
        }
        return text;
    }

    private static string? ScalarOrNull(YamlNode node)
        => node is YamlScalarNode scalar && !IsNull(scalar) && !string.IsNullOrWhiteSpace(scalar.Value) ? scalar.Value.Trim() : null;

    private static bool IsNull(YamlScalarNode scalar)
        => scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static bool IsValidId(string id)
    {
        if (id.Length is 0 or > 64 || !char.IsAsciiLetterLower(id[0]) && !char.IsAsciiDigit(id[0]))
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }
        return true;
    }

    internal static int LineOf(Mark mark) => (int)Math.Max(mark.Line, 0);

    // YamlException.Message is "(Line: 3, Col: 5, Idx: 40) - (Line: 3, Col: 6, Idx: 41): text"; keep the text.
    private static string StripMark(YamlException ex)
    {
        var message = ex.Message;
        var cut = message.StartsWith("(Line:", StringComparison.Ordinal) ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        var text = cut < 0 ? message : message[(cut + 3)..];
        return $"YAML syntax error: {text}";
    }
}
