using System.Text.Json;

namespace TrafficWatch.Tests.Simulation.GeoDatabase;

/// <summary>
/// Reads MaxMind's test-database JSON sources (<c>geoip/source-data/*.json</c>: a list of one-entry objects,
/// network to record) and turns records into writer values with the types MaxMind's test writer gives each key.
/// </summary>
public static class MaxMindSourceJson
{
    private static readonly HashSet<string> s_uint16Keys = new(StringComparer.Ordinal) { "accuracy_radius", "metro_code", "confidence" };

    public static List<(string Network, JsonElement Record)> Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var result = new List<(string, JsonElement)>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            foreach (var property in entry.EnumerateObject())
            {
                result.Add((property.Name, property.Value.Clone()));
            }
        }
        return result;
    }

    /// <summary>The writer value for a JSON record: objects become maps, integers uint32 (uint16 for a few keys), reals doubles.</summary>
    public static object ToWriterValue(JsonElement element, string? key = null) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(static p => p.Name, static p => ToWriterValue(p.Value, p.Name), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(static e => ToWriterValue(e)).ToList(),
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when key is not null && s_uint16Keys.Contains(key) => element.GetUInt16(),
        JsonValueKind.Number when element.TryGetUInt32(out var u32) => u32,
        JsonValueKind.Number when element.TryGetUInt64(out var u64) => u64,
        JsonValueKind.Number => element.GetDouble(),
        _ => throw new InvalidOperationException($"Unexpected JSON {element.ValueKind}"),
    };
}
