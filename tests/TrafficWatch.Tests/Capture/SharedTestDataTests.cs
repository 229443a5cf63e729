using TrafficWatch.Tests.Support;
namespace TrafficWatch.Tests.Capture;

public sealed class SharedTestDataTests
{
    [Fact]
    public void Locator_walks_up_to_the_solution_and_finds_the_sibling_shared_testdata()
    {
        using var dir = new TempDirectory();
        var repo = Directory.CreateDirectory(Path.Combine(dir.Path, "wt-x")).FullName;
        File.WriteAllText(Path.Combine(repo, "TrafficWatch.sln"), string.Empty);
        var bin = Directory.CreateDirectory(Path.Combine(repo, "tests", "TrafficWatch.Tests", "bin", "Debug", "net10.0")).FullName;
        var testdata = Directory.CreateDirectory(Path.Combine(dir.Path, "shared", "testdata", "pcaps")).Parent!.FullName;

        Assert.Equal(testdata, SharedTestData.FindFrom(bin));
    }

    [Fact]
    public void Locator_returns_null_when_there_is_no_testdata_next_to_the_solution()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "TrafficWatch.sln"), string.Empty);

        Assert.Null(SharedTestData.FindFrom(dir.Path));
    }
}
