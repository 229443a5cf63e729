using System.Security.Cryptography;
using TrafficWatch.Simulation;

namespace TrafficWatch.Tests.Simulation;

public sealed class SimulatorDeterminismTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tw-sim-det-").FullName;

    [Fact]
    public void Same_seed_writes_a_byte_identical_file()
    {
        var first = Simulate(seed: 3, "a.pcap");
        var second = Simulate(seed: 3, "b.pcap");

        Assert.Equal(Sha256(first.OutputPath), Sha256(second.OutputPath));
        Assert.Equal(first.Packets, second.Packets);
        Assert.Equal(first.Flows, second.Flows);
        Assert.Equal(first.Devices, second.Devices);
        Assert.Equal(first.Violations, second.Violations);
    }

    [Fact]
    public void Different_seed_writes_a_different_file()
    {
        var first = Simulate(seed: 3, "a.pcap");
        var other = Simulate(seed: 4, "c.pcap");

        Assert.NotEqual(Sha256(first.OutputPath), Sha256(other.OutputPath));
    }

    [Fact]
    public void SharpPcap_writer_and_managed_writer_write_the_same_bytes()
    {
        var managed = Simulate(seed: 5, "m.pcap");
        var options = Options(seed: 5, "s.pcap");
        options.Writer = PcapWriterKind.SharpPcap;
        var sharpPcap = new CityNetworkSimulator(options).Run();

        Assert.Equal(Sha256(managed.OutputPath), Sha256(sharpPcap.OutputPath));
    }

    [Theory]
    [InlineData("no-such-scenario", 40)]
    [InlineData("normal", 3)]
    public void Invalid_options_are_rejected(string scenario, int devices)
    {
        var options = new SimulationOptions { Scenario = scenario, Devices = devices, OutputPath = Path.Combine(_directory, "x.pcap") };

        Assert.ThrowsAny<ArgumentException>(() => new CityNetworkSimulator(options));
    }

    private SimulationResult Simulate(int seed, string name) => new CityNetworkSimulator(Options(seed, name)).Run();

    private SimulationOptions Options(int seed, string name) => new()
    {
        Scenario = SimulationScenarios.Default,
        Devices = 12,
        Duration = TimeSpan.FromMinutes(3),
        Seed = seed,
        CameraBitrateKbps = 64,
        OutputPath = Path.Combine(_directory, name),
    };

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
