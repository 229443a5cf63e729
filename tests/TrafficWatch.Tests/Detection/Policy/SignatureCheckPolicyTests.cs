using TrafficWatch.Pipeline;
using TrafficWatch.Attribution;
using TrafficWatch.Tests.Capture;

namespace TrafficWatch.Tests.Detection.Policy;

/// <summary><c>trafficwatch signatures check</c> covers policy.yaml, its MUD files and suppressions.yaml.</summary>
public sealed class SignatureCheckPolicyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SignatureCheckPolicyTests()
    {
        var shipped = SignaturePaths.FindDefault();
        foreach (var file in Directory.EnumerateFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_dir.Path, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_shipped_copy_checks_clean()
        => Assert.Empty(SignatureCheck.Run(_dir.Path, new DateOnly(2025, 6, 2)));

    [Fact]
    public void Policy_errors_come_back_as_file_and_line()
    {
        var policy = _dir.File("policy.yaml");
        var lines = File.ReadAllLines(policy).ToList();
        var at = lines.FindIndex(static l => l.Trim() == "- ntp-servers");
        lines[at] = lines[at].Replace("ntp-servers", "ntp-server", StringComparison.Ordinal);
        File.WriteAllLines(policy, lines);
        var problem = Assert.Single(SignatureCheck.Run(_dir.Path, new DateOnly(2025, 6, 2)));
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal($"{policy}:{at + 1}: 'ntp-server' is not a destination; did you mean 'ntp-servers'?", problem.ToString());
        Assert.True(SignatureCheck.HasErrors([problem]));
    }

    [Fact]
    public void Expired_suppressions_are_warnings_and_do_not_fail_the_check()
    {
        File.WriteAllText(_dir.File("suppressions.yaml"), """
            schema: 1
            suppressions:
              - rule: vendor-cloud
                expires: 2025-05-31
                reason: trial ended
            """);
        var problems = SignatureCheck.Run(_dir.Path, new DateOnly(2025, 6, 2));
        var warning = Assert.Single(problems);
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Equal(4, warning.Line);
        Assert.Contains(": warning: suppression expired on 2025-05-31", warning.ToString(), StringComparison.Ordinal);
        Assert.False(SignatureCheck.HasErrors(problems));
    }

    [Fact]
    public void A_policy_naming_a_broken_MUD_file_reports_the_MUD_line()
    {
        var mud = Path.Combine(_dir.Path, "mud", "example-camera.json");
        File.WriteAllText(mud, File.ReadAllText(mud).Replace("\"lower-port\": 554", "\"lower-port\": 5540", StringComparison.Ordinal));
        var policy = _dir.File("policy.yaml");
        File.AppendAllText(policy, "\nvendors:\n  hikvision:\n    mud: mud/example-camera.json\n");
        var problem = Assert.Single(SignatureCheck.Run(_dir.Path, new DateOnly(2025, 6, 2)));
        Assert.Equal(mud, problem.File);
        Assert.Contains("port range 5540-555 is not valid", problem.Message, StringComparison.Ordinal);
        var line = File.ReadAllLines(mud)[problem.Line - 1];
        Assert.Contains("destination-port", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_policy_is_an_error()
    {
        File.Delete(_dir.File("policy.yaml"));
        var problem = Assert.Single(SignatureCheck.Run(_dir.Path, new DateOnly(2025, 6, 2)));
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(0, problem.Line);
    }
}
