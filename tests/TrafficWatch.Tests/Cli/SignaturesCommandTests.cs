using TrafficWatch.Tests.Capture;

namespace TrafficWatch.Tests.Cli;

/// <summary><c>trafficwatch signatures check</c> on the shipped data and on a broken copy.</summary>
public sealed class SignaturesCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_shipped_signatures_found_beside_the_program_check_clean()
    {
        var result = TrafficWatchProcess.RunIn(_dir.Path, "signatures", "check");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("signatures OK", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_vendor_file_is_reported_with_its_line_and_a_non_zero_exit_code()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "signatures");
        var copy = Path.Combine(_dir.Path, "signatures");
        foreach (var file in Directory.GetFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var vendors = Path.Combine(copy, "vendors.yaml");
        var lines = File.ReadAllLines(vendors).ToList();
        var countryLine = lines.FindIndex(l => l.TrimStart().StartsWith("country:", StringComparison.Ordinal));
        Assert.True(countryLine >= 0, "vendors.yaml has a country line");
        lines[countryLine] = lines[countryLine][..lines[countryLine].IndexOf("country:", StringComparison.Ordinal)] + "country: XYZ";
        File.WriteAllLines(vendors, lines);

        var result = TrafficWatchProcess.RunIn(_dir.Path, "signatures", "check", "--signatures", copy);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"vendors.yaml:{countryLine + 1}:", result.StdErr, StringComparison.Ordinal);
    }
}
