using System.Text.Json;
using TrafficWatch.Tests.Support;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Enrichment;

/// <summary>
/// MaxMind's test databases in shared/testdata/geoip with their JSON sources (network -> record) and the
/// mmdblookup answers (expected/lookups-*.json, which name the source network of every found address).
/// </summary>
internal static class GeoIpTestData
{
    public static bool TryLocate(ITestOutputHelper output, out string geoipDirectory)
    {
        geoipDirectory = string.Empty;
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return false;
        }
        geoipDirectory = Path.Combine(root, "geoip");
        return Directory.Exists(geoipDirectory) || SharedTestData.Missing(output, $"{geoipDirectory} not found", out _);
    }

    /// <summary>source-data/&lt;name&gt;.json as network -> record.</summary>
    public static Dictionary<string, JsonElement> Source(string geoipDirectory, string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(geoipDirectory, "source-data", name + ".json")));
        var records = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            foreach (var property in item.EnumerateObject())
            {
                records[property.Name] = property.Value.Clone();
            }
        }
        return records;
    }

    /// <summary>expected/lookups-&lt;name&gt;.json: address -> answer (found, source_network, ...).</summary>
    public static Dictionary<string, JsonElement> Lookups(string geoipDirectory, string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(geoipDirectory, "expected", $"lookups-{name}.json")));
        return document.RootElement.GetProperty("lookups").EnumerateObject()
            .ToDictionary(static p => p.Name, static p => p.Value.Clone(), StringComparer.Ordinal);
    }

    public static string? String(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    public static uint? Number(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetUInt32() : null;
}
