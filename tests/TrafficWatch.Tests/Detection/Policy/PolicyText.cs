using TrafficWatch.Attribution;
using TrafficWatch.Detection.Policy;

namespace TrafficWatch.Tests.Detection.Policy;

/// <summary>Loads policy text the way the loader reads files, and finds lines in it.</summary>
internal static class PolicyText
{
    public static PolicySet Load(string yaml, out List<SignatureProblem> problems, string? baseDirectory = null, IReadOnlySet<string>? vendors = null)
    {
        problems = [];
        return PolicyLoader.Read(yaml, "policy.yaml", baseDirectory ?? Path.GetTempPath(), problems, vendors);
    }

    /// <summary>Loads and asserts there were no problems at all.</summary>
    public static PolicySet LoadClean(string yaml, string? baseDirectory = null)
    {
        var policy = Load(yaml, out var problems, baseDirectory);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return policy;
    }

    /// <summary>1-based number of the only line of <paramref name="text"/> containing <paramref name="marker"/>.</summary>
    public static int LineOf(string text, string marker)
    {
        var lines = text.Split('\n');
        var hits = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(hits.Count == 1, $"'{marker}' is on {hits.Count} lines");
        return hits[0] + 1;
    }
}
