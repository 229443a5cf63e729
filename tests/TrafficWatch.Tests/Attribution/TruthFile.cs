using System.Text.Json;

namespace TrafficWatch.Tests.Attribution;

/// <summary>Reads the tshark-made ground truth in <c>pcaps/*/truth/app.json</c>.</summary>
internal static class TruthFile
{
    public static IReadOnlyList<string> EthernetSourceMacs(string appJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(appJsonPath));
        if (!document.RootElement.TryGetProperty("eth_src_macs", out var macs) || macs.ValueKind != JsonValueKind.Object)
        {
            return [];
        }
        return macs.EnumerateObject().Select(static p => p.Name).ToList();
    }
}
