using System.Diagnostics;
using TrafficWatch.Simulation;

namespace TrafficWatch.Tests.Simulation;

public sealed class CaptureFileTests(ScenarioCaptures captures) : IClassFixture<ScenarioCaptures>
{
    [Fact]
    public void Every_record_parses_as_Ethernet_and_the_count_matches_the_result()
    {
        var (result, packets) = captures.Get(SimulationScenarios.Default);

        Assert.Equal(result.Packets, packets.Count);
        Assert.Equal(result.Bytes, packets.Sum(static p => (long)p.Data.Length));
        Assert.All(packets, static p => Assert.True(p.Ip is not null || p.Ethernet.Extract<PacketDotNet.ArpPacket>() is not null, $"neither IPv4 nor ARP at {p.Time:O}"));
    }

    [Fact]
    public void Camera_and_IoT_VLANs_and_the_untagged_LAN_are_present()
    {
        var (_, packets) = captures.Get(SimulationScenarios.Default);
        var vlans = packets.Select(static p => p.Vlan).ToHashSet();

        Assert.Contains((ushort)10, vlans);
        Assert.Contains((ushort)20, vlans);
        Assert.Contains((ushort)0, vlans);
        Assert.Equal(3, vlans.Count);
    }

    [Fact]
    public void Checksums_are_valid_on_a_sample()
    {
        var (_, packets) = captures.Get(SimulationScenarios.Default);
        var tcp = packets.Where(static p => p.Tcp is not null).ToList();
        var udp = packets.Where(static p => p.Udp is not null && !p.Udp.DestinationPort.Equals(67)).ToList();

        Assert.NotEmpty(tcp);
        for (var i = 0; i < tcp.Count; i += 7)
        {
            Assert.True(tcp[i].Tcp!.ValidTcpChecksum, $"bad TCP checksum at {tcp[i].Time:O}");
            Assert.True(tcp[i].Ip!.ValidIPChecksum, $"bad IP checksum at {tcp[i].Time:O}");
        }
        foreach (var p in udp)
        {
            Assert.True(p.Udp!.ValidUdpChecksum, $"bad UDP checksum at {p.Time:O}");
        }
    }

    [Fact]
    public void Timestamps_are_non_decreasing_and_inside_the_run()
    {
        var (result, packets) = captures.Get(SimulationScenarios.Default);

        var previous = result.StartTime;
        foreach (var p in packets)
        {
            Assert.True(p.Time >= previous, $"{p.Time:O} before {previous:O}");
            previous = p.Time;
        }
        Assert.True(packets[^1].Time <= result.EndTime);
        Assert.True(packets[^1].Time > result.StartTime + (ScenarioCaptures.Duration * 0.9));
    }

    [Fact]
    public void TCP_sequence_numbers_follow_on_within_each_direction()
    {
        var (_, packets) = captures.Get(SimulationScenarios.Default);
        var next = new Dictionary<(string, ushort, string, ushort), uint>();
        foreach (var p in packets.Where(static p => p.Tcp is not null))
        {
            var key = (p.Source!.ToString(), p.Tcp!.SourcePort, p.Destination!.ToString(), p.Tcp.DestinationPort);
            var length = (uint)p.TcpPayload.Length + (p.Tcp.Synchronize || p.Tcp.Finished ? 1u : 0u);
            if (next.TryGetValue(key, out var expected) && !p.Tcp.Synchronize)
            {
                Assert.Equal(expected, p.Tcp.SequenceNumber);
            }
            next[key] = p.Tcp.SequenceNumber + length;
        }
    }

    [Fact]
    public async Task Tshark_reads_the_file_and_reports_TCP_conversations()
    {
        const string Tshark = "/usr/bin/tshark";
        if (!File.Exists(Tshark))
        {
            return;
        }
        var (result, _) = captures.Get(SimulationScenarios.Default);
        var start = new ProcessStartInfo(Tshark, ["-r", result.OutputPath, "-q", "-z", "conv,tcp"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"tshark exited {process.ExitCode}: {await stderr}");
        Assert.Contains("TCP Conversations", output, StringComparison.Ordinal);
        Assert.Contains(":554", output, StringComparison.Ordinal);
        Assert.Contains("47.88.59.64:443", output, StringComparison.Ordinal);
    }
}
