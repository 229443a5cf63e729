using MaxMind.GeoIP2;
using TrafficWatch.Simulation;
using TrafficWatch.Tests.Capture;
using TrafficWatch.Tests.Cli;

namespace TrafficWatch.Tests.Simulation.GeoDatabase;

/// <summary><c>trafficwatch simulate</c> writes the GeoIP databases beside the capture unless <c>--no-geoip</c>.</summary>
public sealed class SimulateCommandGeoIpTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Simulate_writes_country_and_asn_databases_beside_the_capture()
    {
        var result = TrafficWatchProcess.RunIn(_dir.Path, "simulate", "--out", _dir.File("city.pcap"), "--duration", "30s", "--devices", "10");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("city.country.mmdb (GeoLite2-Country)", result.StdErr, StringComparison.Ordinal);
        using var country = new DatabaseReader(_dir.File("city.country.mmdb"));
        using var asn = new DatabaseReader(_dir.File("city.asn.mmdb"));
        Assert.True(country.TryCountry(SimulatedDestinations.DahuaP2p.Address, out var c));
        Assert.Equal("CN", c!.Country.IsoCode);
        Assert.True(asn.TryAsn(SimulatedDestinations.HikConnect.Address, out var a));
        Assert.Equal(45102, a!.AutonomousSystemNumber);
        Assert.Equal(new DateTime(2025, 6, 2, 8, 0, 0, DateTimeKind.Utc), country.Metadata.BuildDate);
    }

    [Fact]
    public void No_geoip_writes_only_the_capture()
    {
        var result = TrafficWatchProcess.RunIn(_dir.Path, "simulate", "--out", _dir.File("city.pcap"), "--duration", "30s", "--devices", "10", "--no-geoip");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.True(File.Exists(_dir.File("city.pcap")));
        Assert.Equal(["city.pcap"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }
}
