using System.Text.RegularExpressions;
using TrafficWatch.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace TrafficWatch.Tests.Deploy;

/// <summary>The repository's docker-compose.yml, parsed (no interpolation: values keep their <c>${VAR}</c> text).</summary>
internal sealed partial class ComposeFile
{
    private ComposeFile(string repository, string text, YamlMappingNode root)
    {
        Repository = repository;
        Text = text;
        Root = root;
    }

    public string Repository { get; }

    public string Path => System.IO.Path.Combine(Repository, "docker-compose.yml");

    public string Text { get; }

    public YamlMappingNode Root { get; }

    public static ComposeFile Load()
    {
        var repo = SharedTestData.RepositoryRoot() ?? throw new InvalidOperationException("TrafficWatch.sln not found above the test binaries");
        var text = File.ReadAllText(System.IO.Path.Combine(repo, "docker-compose.yml"));
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        return new ComposeFile(repo, text, (YamlMappingNode)yaml.Documents[0].RootNode);
    }

    public IReadOnlyDictionary<string, YamlMappingNode> Services =>
        ((YamlMappingNode)Root.Children[new YamlScalarNode("services")]).Children
            .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (YamlMappingNode)kv.Value, StringComparer.Ordinal);

    /// <summary>Every <c>${NAME...}</c> the file interpolates.</summary>
    public IReadOnlySet<string> Variables =>
        VariablePattern().Matches(Text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Variables written <c>${NAME:?message}</c>: compose refuses to run without them.</summary>
    public IReadOnlySet<string> RequiredVariables =>
        VariablePattern().Matches(Text).Where(m => m.Groups["op"].Value is ":?" or "?").Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Replaces <c>${NAME:-default}</c> by its default and <c>${NAME:?..}</c> by <paramref name="required"/>.</summary>
    public static string WithDefaults(string value, string required = "secret") =>
        VariablePattern().Replace(value, m => m.Groups["op"].Value is ":?" or "?" ? required : m.Groups["rest"].Value);

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode s ? s.Value : null;

    public static IReadOnlyList<string> Strings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode seq
            ? seq.Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty).ToArray()
            : [];

    public static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    /// <summary>The service's environment as written (mapping form).</summary>
    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service) =>
        Mapping(service, "environment")?.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? string.Empty, StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Host paths of the service's bind mounts (short syntax <c>./src:/dst[:ro]</c> or long syntax <c>type: bind</c>).</summary>
    public static IEnumerable<string> BindSources(YamlMappingNode service)
    {
        if (!service.Children.TryGetValue(new YamlScalarNode("volumes"), out var volumes) || volumes is not YamlSequenceNode seq)
        {
            yield break;
        }
        foreach (var entry in seq.Children)
        {
            string? source = entry switch
            {
                YamlScalarNode s => s.Value?.Split(':')[0],
                YamlMappingNode m when Scalar(m, "type") == "bind" => Scalar(m, "source"),
                _ => null,
            };
            if (source is not null && (source.StartsWith('.') || source.StartsWith('/') || source.StartsWith('~')))
            {
                yield return source;
            }
        }
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?[-?])(?<rest>[^}]*))?\}")]
    private static partial Regex VariablePattern();
}
