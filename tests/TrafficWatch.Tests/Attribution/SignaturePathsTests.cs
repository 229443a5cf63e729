using TrafficWatch.Attribution;

namespace TrafficWatch.Tests.Attribution;

public sealed class SignaturePathsTests
{
    [Fact]
    public void The_default_folder_holds_the_registry_and_the_vendors_file()
    {
        var directory = SignaturePaths.FindDefault();
        Assert.True(File.Exists(SignaturePaths.VendorsFile(directory)));
        Assert.True(File.Exists(SignaturePaths.OuiRegistryFile(directory)));
    }

    [Fact]
    public void The_folder_beside_the_program_wins_over_one_further_up()
    {
        var root = Directory.CreateTempSubdirectory("tw-sigpaths-");
        try
        {
            var upper = Directory.CreateDirectory(Path.Combine(root.FullName, "signatures"));
            File.WriteAllText(Path.Combine(upper.FullName, VendorSignatures.FileName), "schema: 1\n");
            var bin = Directory.CreateDirectory(Path.Combine(root.FullName, "app", "bin"));

            Assert.True(SignaturePaths.TryFindFrom(bin.FullName, out var found));
            Assert.Equal(upper.FullName, found);

            var beside = Directory.CreateDirectory(Path.Combine(bin.FullName, "signatures"));
            Assert.True(SignaturePaths.TryFindFrom(bin.FullName, out found));
            Assert.Equal(beside.FullName, found);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
