using System.Diagnostics.CodeAnalysis;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Attribution;

/// <summary>
/// Finds the shared captures: <c>TW_TESTDATA</c>, else <c>../shared/testdata</c> beside the folder holding
/// TrafficWatch.sln. Missing data fails the test when <c>CI=true</c>, otherwise the test returns early.
/// </summary>
internal static class SharedTestData
{
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrafficWatch.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    public static bool TryGetDirectory(ITestOutputHelper output, [NotNullWhen(true)] out string? directory)
    {
        var fromEnv = Environment.GetEnvironmentVariable("TW_TESTDATA");
        var root = RepositoryRoot();
        directory = !string.IsNullOrEmpty(fromEnv)
            ? fromEnv
            : root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "testdata"));
        if (directory is not null && Directory.Exists(directory))
        {
            return true;
        }
        return Missing(output, $"shared test data not found (looked for {directory ?? "TW_TESTDATA or ../shared/testdata"})", out directory);
    }

    /// <summary>Fails under CI, otherwise logs why the test is returning early.</summary>
    public static bool Missing(ITestOutputHelper output, string why, out string? directory)
    {
        directory = null;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{why}; required when CI=true");
        }
        output.WriteLine($"SKIPPED: {why}");
        return false;
    }
}
