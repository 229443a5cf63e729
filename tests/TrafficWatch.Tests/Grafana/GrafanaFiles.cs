using System.Text.Json;
using TrafficWatch.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace TrafficWatch.Tests.Grafana;

/// <summary>The repository's grafana/ folder: dashboards as parsed JSON, the provisioned data source.</summary>
internal static class GrafanaFiles
{
    public static string Root
    {
        get
        {
            var repo = SharedTestData.RepositoryRoot() ?? throw new InvalidOperationException("TrafficWatch.sln not found above the test binaries");
            return Path.Combine(repo, "grafana");
        }
    }

    public static string DashboardDirectory => Path.Combine(Root, "dashboards");

    /// <summary>Every dashboard file, by file name.</summary>
    public static IReadOnlyList<(string File, JsonElement Dashboard)> Dashboards()
    {
        var result = new List<(string, JsonElement)>();
        foreach (var path in Directory.GetFiles(DashboardDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
            result.Add((Path.GetFileName(path), doc.RootElement.Clone()));
        }
        return result;
    }

    public static JsonElement Dashboard(string uid) =>
        Dashboards().Single(d => d.Dashboard.GetProperty("uid").GetString() == uid).Dashboard;

    /// <summary>(type, uid) of every data source in grafana/provisioning/datasources/*.yml.</summary>
    public static IReadOnlyList<(string Type, string Uid)> ProvisionedDataSources()
    {
        var result = new List<(string, string)>();
        foreach (var path in Directory.GetFiles(Path.Combine(Root, "provisioning", "datasources"), "*.yml"))
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(path)));
            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            foreach (var node in ((YamlSequenceNode)root.Children[new YamlScalarNode("datasources")]).Children)
            {
                var ds = (YamlMappingNode)node;
                result.Add((Scalar(ds, "type"), Scalar(ds, "uid")));
            }
        }
        return result;
    }

    /// <summary>Every panel, including those nested in rows.</summary>
    public static IEnumerable<JsonElement> Panels(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in nested.EnumerateArray())
                {
                    yield return inner;
                }
            }
        }
    }

    public static IEnumerable<JsonElement> Variables(JsonElement dashboard) =>
        dashboard.TryGetProperty("templating", out var t) && t.TryGetProperty("list", out var list)
            ? list.EnumerateArray().ToArray()
            : [];

    /// <summary>The query text of a template variable (Grafana stores a string, or an object with "query").</summary>
    public static string VariableQuery(JsonElement variable)
    {
        var q = variable.GetProperty("query");
        return q.ValueKind == JsonValueKind.String ? q.GetString()! : q.GetProperty("query").GetString()!;
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value ?? string.Empty : string.Empty;
}
