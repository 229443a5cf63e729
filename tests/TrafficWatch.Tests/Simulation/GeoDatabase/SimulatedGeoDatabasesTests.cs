using System.Net;
using MaxMind.GeoIP2;
using TrafficWatch.Simulation;
using TrafficWatch.Simulation.GeoDatabase;
using TrafficWatch.Tests.Capture;
using TrafficWatch.Tests.Support;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Simulation.GeoDatabase;

/// <summary>The simulator's GeoIP databases, read with the real GeoIP2 reader the enrichment stage uses.</summary>
public sealed class SimulatedGeoDatabasesTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset s_start = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly SimulatedDestination s_ipv6Destination =
        new(IPAddress.Parse("2001:db8:4a::10"), "v6.cloud.example", "DE", 64500, "Simulated IPv6 cloud (documentation range)", DestinationPurpose.OfficeWeb);

    [Fact]
    public void Every_simulated_destination_has_its_country_in_the_country_database()
    {
        using var dir = new TempDirectory();
        var destinations = SimulatedDestinations.All.Append(s_ipv6Destination).ToList();
        var files = SimulatedGeoDatabases.WriteBeside(dir.File("city.pcap"), s_start, destinations);

        using var reader = new DatabaseReader(files.CountryPath);

        Assert.Equal(destinations.Count, files.Networks);
        foreach (var destination in destinations)
        {
            Assert.True(reader.TryCountry(destination.Address, out var response), destination.Address.ToString());
            Assert.Equal(destination.CountryIsoCode, response!.Country.IsoCode);
            Assert.Equal(destination.CountryIsoCode, response.RegisteredCountry.IsoCode);
            Assert.True(GeoCountries.TryGet(destination.CountryIsoCode, out var country), destination.CountryIsoCode);
            Assert.Equal(country.GeoNameId, response.Country.GeoNameId);
            Assert.Equal(country.EnglishName, response.Country.Names["en"]);
            Assert.Equal(country.EnglishName, response.Country.Name);
            Assert.Equal(country.ContinentCode, response.Continent.Code);
            Assert.Equal(country.IsInEuropeanUnion, response.Country.IsInEuropeanUnion);
            Assert.Equal(destination.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128, response.Traits.Network!.PrefixLength);
        }
    }

    [Fact]
    public void Every_simulated_destination_has_its_autonomous_system_in_the_asn_database()
    {
        using var dir = new TempDirectory();
        var destinations = SimulatedDestinations.All.Append(s_ipv6Destination).ToList();
        var files = SimulatedGeoDatabases.WriteBeside(dir.File("city.pcap"), s_start, destinations);

        using var reader = new DatabaseReader(files.AsnPath);

        foreach (var destination in destinations)
        {
            Assert.True(reader.TryAsn(destination.Address, out var response), destination.Address.ToString());
            Assert.Equal(destination.Asn, response!.AutonomousSystemNumber);
            Assert.Equal(destination.Organisation, response.AutonomousSystemOrganization);
        }
    }

    [Theory]
    [InlineData("10.10.0.20")]         // a camera: internal addresses are not in the files
    [InlineData("8.8.8.8")]
    [InlineData("198.51.100.78")]      // next to the beacon's address, in the same /24
    [InlineData("2001:db8::1")]
    public void Addresses_the_simulator_does_not_use_are_misses(string address)
    {
        using var dir = new TempDirectory();
        var files = SimulatedGeoDatabases.WriteBeside(dir.File("city.pcap"), s_start);

        using var country = new DatabaseReader(files.CountryPath);
        using var asn = new DatabaseReader(files.AsnPath);

        Assert.False(country.TryCountry(address, out _));
        Assert.False(asn.TryAsn(address, out _));
    }

    [Fact]
    public void Ipv4_mapped_form_of_a_destination_is_found_too()
    {
        using var dir = new TempDirectory();
        var files = SimulatedGeoDatabases.WriteBeside(dir.File("city.pcap"), s_start);

        using var country = new DatabaseReader(files.CountryPath);

        Assert.True(country.TryCountry(IPAddress.Parse("::ffff:" + SimulatedDestinations.TunnelNameServer.Address), out var response));
        Assert.Equal("RU", response!.Country.IsoCode);
    }

    [Fact]
    public void Metadata_names_the_MaxMind_types_and_the_capture_start_as_build_time()
    {
        using var dir = new TempDirectory();
        var files = SimulatedGeoDatabases.WriteBeside(dir.File("city.pcap"), s_start);

        using var country = new DatabaseReader(files.CountryPath);
        using var asn = new DatabaseReader(files.AsnPath);

        Assert.Equal(dir.File("city.country.mmdb"), files.CountryPath);
        Assert.Equal(dir.File("city.asn.mmdb"), files.AsnPath);
        Assert.Equal("GeoLite2-Country", country.Metadata.DatabaseType);
        Assert.Equal("GeoLite2-ASN", asn.Metadata.DatabaseType);
        foreach (var metadata in new[] { country.Metadata, asn.Metadata })
        {
            Assert.Equal(s_start.UtcDateTime, metadata.BuildDate);
            Assert.Equal(new[] { "en" }, metadata.Languages);
            Assert.Contains("TrafficWatch simulator", metadata.Description["en"], StringComparison.Ordinal);
            Assert.Equal(6, metadata.IPVersion);
            Assert.Equal(2, metadata.BinaryFormatMajorVersion);
        }
    }

    [Fact]
    public void The_same_start_writes_the_same_bytes_and_another_start_changes_only_the_build_time()
    {
        using var dir = new TempDirectory();
        var a = SimulatedGeoDatabases.WriteBeside(dir.File("a.pcap"), s_start);
        var b = SimulatedGeoDatabases.WriteBeside(dir.File("b.pcap"), s_start);
        var c = SimulatedGeoDatabases.WriteBeside(dir.File("c.pcap"), s_start.AddDays(1));
        var reversed = SimulatedGeoDatabases.WriteBeside(dir.File("d.pcap"), s_start, SimulatedDestinations.All.Reverse().ToList());

        Assert.Equal(File.ReadAllBytes(a.CountryPath), File.ReadAllBytes(b.CountryPath));
        Assert.Equal(File.ReadAllBytes(a.AsnPath), File.ReadAllBytes(b.AsnPath));
        Assert.Equal(File.ReadAllBytes(a.CountryPath), File.ReadAllBytes(reversed.CountryPath));
        var first = File.ReadAllBytes(a.CountryPath);
        var later = File.ReadAllBytes(c.CountryPath);
        Assert.Equal(first.Length, later.Length);
        Assert.InRange(first.Zip(later).Count(static p => p.First != p.Second), 1, 4);   // the build_epoch bytes
    }

    [Theory]
    [InlineData("out/city.pcap", "out/city.country.mmdb", "out/city.asn.mmdb")]
    [InlineData("capture", "capture.country.mmdb", "capture.asn.mmdb")]
    [InlineData("bench.big.pcapng", "bench.big.country.mmdb", "bench.big.asn.mmdb")]
    public void Files_are_named_after_the_capture(string capture, string country, string asn)
        => Assert.Equal((country, asn), SimulatedGeoDatabases.PathsFor(capture));

    [Fact]
    public void The_country_table_agrees_with_MaxMinds_test_sources()
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return;
        }
        var seen = new Dictionary<string, (HashSet<uint> Ids, HashSet<string> Names)>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(root, "geoip", "source-data"), "*.json"))
        {
            foreach (var (_, record) in MaxMindSourceJson.Load(file))
            {
                foreach (var key in new[] { "country", "registered_country" })
                {
                    if (record.ValueKind == System.Text.Json.JsonValueKind.Object && record.TryGetProperty(key, out var c)
                        && c.TryGetProperty("iso_code", out var iso) && c.TryGetProperty("geoname_id", out var id))
                    {
                        var entry = seen.TryGetValue(iso.GetString()!, out var e) ? e : seen[iso.GetString()!] = ([], []);
                        entry.Ids.Add(id.GetUInt32());
                        if (c.TryGetProperty("names", out var names) && names.TryGetProperty("en", out var en))
                        {
                            entry.Names.Add(en.GetString()!);
                        }
                    }
                }
            }
        }
        var checkedCount = 0;
        foreach (var country in GeoCountries.Known)
        {
            if (!seen.TryGetValue(country.IsoCode, out var truth))
            {
                continue;
            }
            Assert.Equal([country.GeoNameId], truth.Ids);
            Assert.Contains(country.EnglishName, truth.Names);
            checkedCount++;
        }
        Assert.True(checkedCount >= 25, $"only {checkedCount} countries checked");
        Assert.All(SimulatedDestinations.All, static d => Assert.True(GeoCountries.TryGet(d.CountryIsoCode, out _), d.CountryIsoCode));
    }
}
