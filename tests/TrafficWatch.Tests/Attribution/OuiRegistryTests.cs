using System.Diagnostics;
using TrafficWatch.Attribution;
using TrafficWatch.Decode;
using Xunit.Abstractions;
using TrafficWatch.Tests.Support;

namespace TrafficWatch.Tests.Attribution;

public sealed class OuiRegistryTests(ITestOutputHelper output)
{
    private static MacAddress Mac(string text)
    {
        Assert.True(MacAddress.TryParse(text, out var mac), text);
        return mac;
    }

    [Fact]
    public void An_MA_S_block_wins_over_the_MA_L_block_that_contains_it()
    {
        var registry = ShippedSignatures.Registry;

        // 70-B3-D5 is the IEEE Registration Authority's MA-L; 70-B3-D5-F2-F is an MA-S inside it.
        Assert.True(registry.TryLookup(Mac("70:b3:d5:f2:f1:23"), out var organization, out var bits));
        Assert.Equal("TELEPLATFORMS", organization);
        Assert.Equal(36, bits);

        // 70-B3-D5-000 has no MA-S assignment, so the MA-L owner answers.
        Assert.True(registry.TryLookup(Mac("70:b3:d5:00:01:02"), out organization, out bits));
        Assert.Equal("IEEE Registration Authority", organization);
        Assert.Equal(24, bits);
    }

    [Fact]
    public void An_MA_M_block_wins_over_its_MA_L_block()
    {
        Assert.True(ShippedSignatures.Registry.TryLookup(Mac("00:55:da:01:02:03"), out var organization, out var bits));
        Assert.Equal("Shinko Technos co.,ltd.", organization);
        Assert.Equal(28, bits);
    }

    [Fact]
    public void Hikvision_and_H3C_MACs_get_their_different_full_names()
    {
        var registry = ShippedSignatures.Registry;
        Assert.True(registry.TryLookup(Mac("04:03:12:aa:bb:cc"), out var hikvision));
        Assert.True(registry.TryLookup(Mac("00:0f:e2:aa:bb:cc"), out var h3c));
        Assert.Equal("Hangzhou Hikvision Digital Technology Co.,Ltd.", hikvision);
        Assert.Equal("Hangzhou H3C Technologies Co., Limited", h3c);
        Assert.NotEqual(hikvision, h3c);
    }

    [Theory]
    [InlineData("02:00:00:12:34:56")]      // locally administered
    [InlineData("da:a1:19:00:11:22")]      // randomised (private Wi-Fi address)
    [InlineData("aa:00:00:12:34:56")]      // LA bit set, although DEC registered AA-00-00 in the 1980s
    [InlineData("01:00:5e:00:00:fb")]      // IPv4 multicast (mDNS)
    [InlineData("33:33:00:00:00:01")]      // IPv6 multicast
    [InlineData("ff:ff:ff:ff:ff:ff")]      // broadcast
    public void Locally_administered_and_group_addresses_get_no_vendor(string text)
    {
        Assert.False(ShippedSignatures.Registry.TryLookup(Mac(text), out var organization));
        Assert.Null(organization);
    }

    [Fact]
    public void The_locally_administered_filter_is_what_hides_the_DEC_block()
    {
        Assert.True(ShippedSignatures.Registry.TryLookupPrefix(Mac("aa:00:00:12:34:56").Value, out var organization, out _));
        Assert.Equal("DIGITAL EQUIPMENT CORPORATION", organization);
    }

    [Fact]
    public void The_shipped_file_agrees_with_the_ieee_data_csv_files()
    {
        var csv = IeeeCsvRegistry.TryLoad(IeeeCsvRegistry.DefaultDirectory);
        if (csv is null)
        {
            output.WriteLine($"SKIPPED: {IeeeCsvRegistry.DefaultDirectory} has no ieee-data CSV files");
            return;
        }
        var registry = ShippedSignatures.Registry;
        var checkedBlocks = 0;
        foreach (var (bits, prefix, _) in csv.Blocks)
        {
            // The first and last address of every block; nested blocks make the expected answer the CSV's longest match.
            var first = prefix << (48 - bits);
            var last = first | ((1UL << (48 - bits)) - 1);
            foreach (var mac in (ReadOnlySpan<ulong>)[first, last])
            {
                var expected = csv.LongestMatch(mac);
                Assert.NotNull(expected);
                Assert.True(registry.TryLookupPrefix(mac, out var actual, out _), $"{new MacAddress(mac)} not found");
                Assert.Contains(actual, expected);
            }
            checkedBlocks++;
        }
        Assert.Equal(csv.Blocks.Count(), registry.Count);
        output.WriteLine($"{checkedBlocks} blocks agree with the CSV files");
    }

    [Fact]
    public void Every_source_MAC_in_the_shared_captures_gets_the_registry_name()
    {
        if (!SharedTestData.TryGetDirectory(output, out var testData))
        {
            return;
        }
        var csv = IeeeCsvRegistry.TryLoad(IeeeCsvRegistry.DefaultDirectory);
        if (csv is null)
        {
            SharedTestData.Missing(output, $"{IeeeCsvRegistry.DefaultDirectory} has no ieee-data CSV files", out _);
            return;
        }
        var registry = ShippedSignatures.Registry;
        var macs = 0;
        var attributed = 0;
        foreach (var truth in Directory.EnumerateFiles(Path.Combine(testData, "pcaps"), "app.json", SearchOption.AllDirectories)
                     .Where(static p => Path.GetFileName(Path.GetDirectoryName(p)) == "truth"))
        {
            foreach (var text in TruthFile.EthernetSourceMacs(truth))
            {
                var mac = Mac(text);
                macs++;
                var found = registry.TryLookup(mac, out var organization);
                var expected = mac.IsLocallyAdministered || mac.IsMulticast ? null : csv.LongestMatch(mac.Value);
                if (expected is null)
                {
                    Assert.False(found, $"{truth}: {text} should have no vendor, got '{organization}'");
                    continue;
                }
                Assert.True(found, $"{truth}: {text} should be '{expected[0]}'");
                Assert.Contains(organization, expected);
                attributed++;
            }
        }
        Assert.True(macs > 0, "no eth_src_macs found in the shared captures");
        output.WriteLine($"{macs} source MACs checked, {attributed} attributed");
    }

    [Fact]
    public void Loading_reports_its_blocks_and_lookups_do_not_allocate()
    {
        var path = SignaturePaths.OuiRegistryFile(ShippedSignatures.Directory);
        OuiRegistry.Load(path); // warm up the JIT
        var stopwatch = Stopwatch.StartNew();
        var registry = OuiRegistry.Load(path);
        stopwatch.Stop();
        output.WriteLine($"loaded {registry.Count} blocks {registry.CountsBySize} in {stopwatch.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(registry.Count, registry.CountsBySize.Item1 + registry.CountsBySize.Item2 + registry.CountsBySize.Item3);

        var macs = new[] { Mac("04:03:12:aa:bb:cc"), Mac("70:b3:d5:f2:f1:23"), Mac("00:55:da:01:02:03"), Mac("02:00:00:00:00:01"), Mac("fc:ff:ff:00:00:00") };
        var hits = 0;
        // Warm-up with the same loop, so tiered compilation (OSR) has settled before allocations are counted.
        for (var i = 0; i < 100_000; i++)
        {
            hits += registry.TryLookup(macs[i % macs.Length], out _) ? 1 : 0;
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            hits += registry.TryLookup(macs[i % macs.Length], out _) ? 1 : 0;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(hits > 0);
    }

    [Theory]
    [InlineData("0012AB/24\tOk\n0012AC Missing tab\n", 2, "PREFIXHEX/BITS")]
    [InlineData("# header\n\n0012AB/25\tBad length\n", 3, "prefix length 25")]
    [InlineData("0012AB/28\tWrong digits\n", 1, "expected 7 hex digits")]
    [InlineData("0012AB/24\tTwice\n0012AB/24\tTwice\n", 2, "listed twice")]
    [InlineData("0012AB/24\t   \n", 1, "no organization name")]
    [InlineData("00XXAB/24\tNot hex\n", 1, "hex digits")]
    public void Format_errors_name_the_file_and_line(string text, int line, string fragment)
    {
        var ex = Assert.Throws<SignatureFormatException>(() => OuiRegistry.Parse(text, "reg.tsv"));
        Assert.Equal(line, ex.Line);
        Assert.StartsWith($"reg.tsv:{line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tw-missing-{Guid.NewGuid():N}.tsv");
        var ex = Assert.Throws<SignatureFormatException>(() => OuiRegistry.Load(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Equal(0, ex.Line);
    }

    [Fact]
    public void The_shipped_file_header_names_its_source()
    {
        Assert.Contains("ieee-data", ShippedSignatures.Registry.Source, StringComparison.Ordinal);
        Assert.Contains("snapshot", ShippedSignatures.Registry.Source, StringComparison.Ordinal);
    }
}
