using Xunit.Abstractions;

namespace TrafficWatch.Tests.Support;

/// <summary>
/// Finds the shared truth captures (<c>shared/testdata</c>, see its MANIFEST.md). Looks at env
/// <c>TW_TESTDATA</c> first, then walks up from the test binaries to the folder holding TrafficWatch.sln and
/// tries <c>../shared/testdata</c> and <c>shared/testdata</c> next to it.
/// xunit 2.9 has no dynamic skip, so tests call <see cref="TryLocate"/> and return early when it is false:
/// it writes why to the test output, and throws instead when env <c>CI=true</c> (CI must never skip silently).
/// </summary>
public static class SharedTestData
{
    public const string EnvironmentVariable = "TW_TESTDATA";

    /// <summary>The testdata root (containing <c>pcaps/</c>), or null when it cannot be found.</summary>
    public static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        }
        return FindFrom(AppContext.BaseDirectory);
    }

    /// <summary>Walks up from <paramref name="startDirectory"/> to the folder holding TrafficWatch.sln (ignores the env var).</summary>
    public static string? FindFrom(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "TrafficWatch.sln")))
            {
                continue;
            }
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "..", "shared", "testdata"), Path.Combine(dir.FullName, "shared", "testdata") })
            {
                if (Directory.Exists(Path.Combine(candidate, "pcaps")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
            return null;
        }
        return null;
    }

    /// <summary>
    /// True with <paramref name="root"/> set when the shared testdata exists. Otherwise writes a clear message
    /// to <paramref name="output"/> and returns false (the caller returns early: a visible "skip"), or throws
    /// when env <c>CI</c> is <c>true</c>.
    /// </summary>
    public static bool TryLocate(ITestOutputHelper output, out string root)
    {
        ArgumentNullException.ThrowIfNull(output);
        var found = Find();
        if (found is not null)
        {
            root = found;
            return true;
        }
        var message = $"SKIPPED: shared testdata not found (set {EnvironmentVariable}, or place it at <repo>/../shared/testdata next to TrafficWatch.sln).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(message.Replace("SKIPPED: ", "CI=true and ", StringComparison.Ordinal));
        }
        output.WriteLine(message);
        root = string.Empty;
        return false;
    }

    /// <summary>The folder holding TrafficWatch.sln, or null.</summary>
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

    /// <summary>Like <see cref="TryLocate"/>, with the directory as a nullable out for callers that prefer it.</summary>
    public static bool TryGetDirectory(ITestOutputHelper output, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? directory)
    {
        var found = TryLocate(output, out var root);
        directory = found ? root : null;
        return found;
    }

    /// <summary>Some other required input is missing: fails under CI=true, otherwise writes why and returns false.</summary>
    public static bool Missing(ITestOutputHelper output, string why, out string? directory)
    {
        ArgumentNullException.ThrowIfNull(output);
        directory = null;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{why}; required when CI=true");
        }
        output.WriteLine($"SKIPPED: {why}");
        return false;
    }
}
