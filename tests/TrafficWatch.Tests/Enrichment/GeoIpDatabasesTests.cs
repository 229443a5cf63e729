using TrafficWatch.Decode;
using TrafficWatch.Enrichment;
using TrafficWatch.Tests.Capture;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Enrichment;

public sealed class GeoIpDatabasesTests(ITestOutputHelper output)
{
    [Fact]
    public void Country_answers_match_the_JSON_source_record_of_every_network_found()
    {
        if (!GeoIpTestData.TryLocate(output, out var dir))
        {
            return;
        }
        var source = GeoIpTestData.Source(dir, "GeoIP2-Country-Test");
        using var geo = GeoIpDatabases.Open(Path.Combine(dir, "GeoIP2-Country-Test.mmdb"), null, null);
        Assert.Empty(geo.Warnings);
        int found = 0, v4 = 0, v6 = 0;
        foreach (var (address, answer) in GeoIpTestData.Lookups(dir, "GeoIP2-Country-Test"))
        {
            var ip = IpAddr.Parse(address);
            if (!answer.GetProperty("found").GetBoolean())
            {
                Assert.False(geo.TryCountry(ip, out var unexpected), $"{address} -> {unexpected}");
                continue;
            }
            var record = source[answer.GetProperty("source_network").GetString()!];
            var expected = GeoIpTestData.String(record, "country", "iso_code") ?? GeoIpTestData.String(record, "registered_country", "iso_code");
            geo.TryCountry(ip, out var actual);
            Assert.True(expected == actual, $"{address}: expected {expected ?? "none"}, got {actual ?? "none"}");
            found++;
            _ = IpAddr.IsIPv4(ip) ? v4++ : v6++;
        }
        output.WriteLine($"{found} addresses checked ({v4} IPv4, {v6} IPv6)");
        Assert.True(found > 300, $"only {found} addresses");
        Assert.True(v6 > 100, $"only {v6} IPv6 addresses");
    }

    [Fact]
    public void ASN_answers_match_the_JSON_source_for_IPv4_and_IPv6()
    {
        if (!GeoIpTestData.TryLocate(output, out var dir))
        {
            return;
        }
        var source = GeoIpTestData.Source(dir, "GeoLite2-ASN-Test");
        using var geo = GeoIpDatabases.Open(null, Path.Combine(dir, "GeoLite2-ASN-Test.mmdb"), null);
        int v4 = 0, v6 = 0;
        foreach (var (address, answer) in GeoIpTestData.Lookups(dir, "GeoLite2-ASN-Test"))
        {
            var ip = IpAddr.Parse(address);
            if (!answer.GetProperty("found").GetBoolean())
            {
                Assert.False(geo.TryAsn(ip, out _, out _), address);
                continue;
            }
            var record = source[answer.GetProperty("source_network").GetString()!];
            Assert.True(geo.TryAsn(ip, out var asn, out var organization), address);
            Assert.Equal(GeoIpTestData.Number(record, "autonomous_system_number"), asn);
            Assert.Equal(GeoIpTestData.String(record, "autonomous_system_organization"), organization);
            _ = IpAddr.IsIPv4(ip) ? v4++ : v6++;
        }
        output.WriteLine($"{v4} IPv4 and {v6} IPv6 addresses checked");
        Assert.True(v4 > 100 && v6 > 100, $"{v4} IPv4, {v6} IPv6");
    }

    [Fact]
    public void City_database_gives_city_and_country_and_serves_countries_alone()
    {
        if (!GeoIpTestData.TryLocate(output, out var dir))
        {
            return;
        }
        var source = GeoIpTestData.Source(dir, "GeoIP2-City-Test");
        using var geo = GeoIpDatabases.Open(null, null, Path.Combine(dir, "GeoIP2-City-Test.mmdb"));
        Assert.True(geo.HasCountry);
        Assert.True(geo.HasCity);
        var cities = 0;
        foreach (var (address, answer) in GeoIpTestData.Lookups(dir, "GeoIP2-City-Test"))
        {
            if (!answer.GetProperty("found").GetBoolean())
            {
                continue;
            }
            var record = source[answer.GetProperty("source_network").GetString()!];
            var result = geo.Lookup(IpAddr.Parse(address));
            Assert.Equal(GeoIpTestData.String(record, "city", "names", "en"), result.City);
            Assert.Equal(GeoIpTestData.String(record, "country", "iso_code") ?? GeoIpTestData.String(record, "registered_country", "iso_code"), result.Country);
            cities += result.City is null ? 0 : 1;
        }
        Assert.True(cities > 10, $"only {cities} cities");
    }

    [Theory]
    [InlineData("GeoLite2-Country-Test")]
    [InlineData("GeoLite2-City-Test")]          // a City database may fill the country role
    [InlineData("GeoIP2-City-Test")]
    public void Other_country_capable_databases_answer_as_their_JSON_source_says(string name)
    {
        if (!GeoIpTestData.TryLocate(output, out var dir))
        {
            return;
        }
        var source = GeoIpTestData.Source(dir, name);
        using var geo = GeoIpDatabases.Open(Path.Combine(dir, name + ".mmdb"), null, null);
        Assert.Empty(geo.Warnings);
        var checkedCount = 0;
        foreach (var (address, answer) in GeoIpTestData.Lookups(dir, name))
        {
            var expected = answer.GetProperty("found").GetBoolean()
                && source[answer.GetProperty("source_network").GetString()!] is var record
                ? GeoIpTestData.String(record, "country", "iso_code") ?? GeoIpTestData.String(record, "registered_country", "iso_code")
                : null;
            Assert.Equal(expected, geo.Lookup(IpAddr.Parse(address)).Country);
            checkedCount++;
        }
        Assert.True(checkedCount > 100, $"only {checkedCount}");
    }

    [Theory]
    [InlineData("2001:218::", "JP")]                 // 2001:218::/32 in the JSON source
    [InlineData("2001:218:ffff:ffff::1", "JP")]      // last part of the same /32
    [InlineData("2001:220::1", "KR")]                // a /128
    public void Known_IPv6_networks_give_their_country(string address, string country)
    {
        if (!GeoIpTestData.TryLocate(output, out var dir))
        {
            return;
        }
        using var geo = GeoIpDatabases.Open(Path.Combine(dir, "GeoIP2-Country-Test.mmdb"), null, null);
        Assert.True(geo.TryCountry(IpAddr.Parse(address), out var actual));
        Assert.Equal(country, actual);
    }

    [Theory]
    [InlineData("1.0.0.0", 15169u, "Google Inc.")]       // first address of 1.0.0.0/24
    [InlineData("1.0.0.255", 15169u, "Google Inc.")]     // last address
    [InlineData("1.128.0.0", 1221u, "Telstra Pty Ltd")]  // 1.128.0.0/11
    public void Known_IPv4_networks_give_their_AS(string address, uint asn, string organization)
    {
        if (!GeoIpTestData.TryLocate(output, out var dir))
        {
            return;
        }
        using var geo = GeoIpDatabases.Open(null, Path.Combine(dir, "GeoLite2-ASN-Test.mmdb"), null);
        var result = geo.Lookup(IpAddr.Parse(address));
        Assert.Equal(asn, result.Asn);
        Assert.Equal(organization, result.AsnOrganization);
    }

    [Theory]
    [InlineData("1.0.1.0")]            // just past 1.0.0.0/24
    [InlineData("0.255.255.255")]      // just before it
    [InlineData("10.0.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("127.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("fe80::1")]
    public void Addresses_not_in_the_database_are_empty_without_exceptions(string address)
    {
        if (!GeoIpTestData.TryLocate(output, out var dir))
        {
            return;
        }
        using var geo = GeoIpDatabases.Open(Path.Combine(dir, "GeoIP2-Country-Test.mmdb"), Path.Combine(dir, "GeoLite2-ASN-Test.mmdb"), null);
        var result = geo.Lookup(IpAddr.Parse(address));
        Assert.Same(DestinationGeo.Empty, result);
        Assert.False(geo.TryAsn(IpAddr.Parse(address), out var asn, out _));
        Assert.Equal(0u, asn);
        Assert.Empty(geo.Warnings);
    }

    [Fact]
    public void Database_type_and_build_date_are_exposed_for_reports()
    {
        if (!GeoIpTestData.TryLocate(output, out var dir))
        {
            return;
        }
        using var geo = GeoIpDatabases.Open(Path.Combine(dir, "GeoIP2-Country-Test.mmdb"), Path.Combine(dir, "GeoLite2-ASN-Test.mmdb"), null);
        Assert.Equal(2, geo.Databases.Count);
        var country = geo.Databases[0];
        Assert.Equal(GeoIpDatabaseKind.Country, country.Kind);
        Assert.Equal("GeoIP2-Country", country.DatabaseType);
        Assert.Equal("GeoLite2-ASN", geo.Databases[1].DatabaseType);
        Assert.InRange(country.BuildDate, new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, country.BuildDate.Offset);
        output.WriteLine(geo.Describe());
        Assert.StartsWith("GeoIP2-Country built ", geo.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_database_gives_one_warning_and_empty_lookups()
    {
        using var temp = new TempDirectory();
        var warnings = new List<string>();
        using var geo = GeoIpDatabases.Open(temp.File("GeoLite2-Country.mmdb"), null, null, onWarning: warnings.Add);
        var only = Assert.Single(geo.Warnings);
        Assert.Contains("GeoLite2-Country.mmdb", only, StringComparison.Ordinal);
        Assert.Contains("not found", only, StringComparison.Ordinal);
        Assert.Equal(geo.Warnings, warnings);
        Assert.False(geo.HasCountry);
        Assert.Same(DestinationGeo.Empty, geo.Lookup(IpAddr.Parse("81.2.69.160")));
        Assert.Empty(geo.Databases);
    }

    [Fact]
    public void A_file_that_is_not_a_database_gives_one_warning()
    {
        using var temp = new TempDirectory();
        var path = temp.File("GeoLite2-ASN.mmdb");
        File.WriteAllText(path, "this is not a MaxMind database\n");
        using var geo = GeoIpDatabases.Open(null, path, null);
        var only = Assert.Single(geo.Warnings);
        Assert.Contains("cannot be opened", only, StringComparison.Ordinal);
        Assert.False(geo.HasAsn);
        Assert.Same(DestinationGeo.Empty, geo.Lookup(IpAddr.Parse("1.0.0.1")));
    }

    [Fact]
    public void A_database_of_the_wrong_kind_is_ignored_with_a_warning()
    {
        if (!GeoIpTestData.TryLocate(output, out var dir))
        {
            return;
        }
        using var geo = GeoIpDatabases.Open(Path.Combine(dir, "GeoLite2-ASN-Test.mmdb"), null, null);
        var only = Assert.Single(geo.Warnings);
        Assert.Contains("'GeoLite2-ASN' database, which has no country data", only, StringComparison.Ordinal);
        Assert.False(geo.HasCountry);
    }

    [Theory]
    [InlineData("GeoIP2-City-Test-Broken-Double-Format.mmdb")]
    [InlineData("GeoIP2-City-Test-Invalid-Node-Count.mmdb")]
    public void Broken_databases_warn_at_most_once_and_never_throw(string file)
    {
        if (!GeoIpTestData.TryLocate(output, out var dir))
        {
            return;
        }
        var lookups = GeoIpTestData.Lookups(dir, "GeoIP2-City-Test").Keys.ToList();
        using var geo = GeoIpDatabases.Open(null, null, Path.Combine(dir, file), cacheCapacity: 16);
        foreach (var address in lookups.Concat(lookups))
        {
            _ = geo.Lookup(IpAddr.Parse(address));            // must not throw
        }
        foreach (var warning in geo.Warnings)
        {
            output.WriteLine(warning);
        }
        Assert.Single(geo.Warnings);
        Assert.Contains(file, geo.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Lookups_are_cached_per_address_and_the_cache_is_bounded()
    {
        if (!GeoIpTestData.TryLocate(output, out var dir))
        {
            return;
        }
        using var geo = GeoIpDatabases.Open(null, Path.Combine(dir, "GeoLite2-ASN-Test.mmdb"), null, cacheCapacity: 2);
        var google = IpAddr.Parse("1.0.0.1");
        var first = geo.Lookup(google);
        Assert.Same(first, geo.Lookup(google));
        Assert.Equal(1, geo.CacheHits);
        foreach (var text in new[] { "1.128.0.1", "12.81.92.1", "12.81.96.1", "12.81.128.1", "1.0.0.2" })
        {
            geo.Lookup(IpAddr.Parse(text));
        }
        Assert.Equal(7, geo.CacheHits + geo.CacheMisses);
        Assert.InRange(geo.CacheCount, 1, 4);                 // two generations of capacity 2
        Assert.Equal(15169u, geo.Lookup(google).Asn);       // evicted or not, the answer is the same
    }

    [Fact]
    public void No_databases_means_empty_answers_and_no_warnings()
    {
        var geo = GeoIpDatabases.None;
        Assert.Same(DestinationGeo.Empty, geo.Lookup(IpAddr.Parse("8.8.8.8")));
        Assert.Empty(geo.Warnings);
        Assert.Equal("no GeoIP databases", geo.Describe());
    }
}
