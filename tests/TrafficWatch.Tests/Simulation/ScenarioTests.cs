using System.Net;
using TrafficWatch.Simulation;

namespace TrafficWatch.Tests.Simulation;

public sealed class ScenarioTests(ScenarioCaptures captures) : IClassFixture<ScenarioCaptures>
{
    public static TheoryData<string> AllScenarios => [.. SimulationScenarios.All];

    public static TheoryData<string> ViolationScenarios => [.. SimulationScenarios.Violations];

    [Theory]
    [MemberData(nameof(AllScenarios))]
    public void Each_scenario_injects_exactly_its_violations_once(string scenario)
    {
        var (result, _) = captures.Get(scenario);

        var expected = SimulationScenarios.ViolationsOf(scenario).Order(StringComparer.Ordinal);
        Assert.Equal(expected, result.Violations.Select(static v => v.Rule).Order(StringComparer.Ordinal));
        Assert.All(result.Violations, v => Assert.InRange(v.FirstSeen, result.StartTime, result.EndTime));
        Assert.All(result.Violations, v => Assert.Contains(result.Devices, d => d.Mac == v.DeviceMac && d.Address.Equals(v.DeviceAddress)));
    }

    [Theory]
    [MemberData(nameof(ViolationScenarios))]
    public void The_violation_is_in_the_capture_and_no_other_one_is(string scenario)
    {
        var (result, packets) = captures.Get(scenario);
        var violation = Assert.Single(result.Violations);

        AssertEvidence(violation, packets);
        foreach (var other in SimulatedDestinations.All.Where(static d => d.Purpose > DestinationPurpose.OfficeWeb))
        {
            if (!Equals(other.Address, violation.Destination))
            {
                Assert.DoesNotContain(packets, p => other.Address.Equals(p.Destination) || other.Address.Equals(p.Source));
            }
        }
    }

    [Fact]
    public void The_default_scenario_contains_the_evidence_of_every_violation()
    {
        var (result, packets) = captures.Get(SimulationScenarios.Default);

        Assert.Equal(SimulationScenarios.Violations.Count, result.Violations.Count);
        foreach (var violation in result.Violations)
        {
            AssertEvidence(violation, packets);
        }
    }

    [Fact]
    public void On_a_normal_day_cameras_and_sensors_only_talk_internal()
    {
        var (result, packets) = captures.Get(SimulationScenarios.Normal);
        Assert.Empty(result.Violations);
        var office = result.Devices.Where(static d => d.Role == DeviceRole.OfficePc).Select(static d => d.Address).ToHashSet();
        var resolver = result.Devices.Single(static d => d.Role == DeviceRole.DnsResolver).Address;
        var ntp = result.Devices.Single(static d => d.Role == DeviceRole.NtpServer).Address;
        var officeWeb = SimulatedDestinations.OfficeWeb.Select(static d => d.Address).ToHashSet();

        foreach (var p in packets.Where(static p => p.Ip is not null))
        {
            var source = p.Source!;
            var destination = p.Destination!;
            var external = IsExternal(source) ? source : IsExternal(destination) ? destination : null;
            if (external is null)
            {
                continue;
            }
            var local = ReferenceEquals(external, source) ? destination : source;
            Assert.Equal(0, p.Vlan);
            var allowed = (local.Equals(resolver) && external.Equals(SimulatedDestinations.DnsUpstream.Address))
                || (local.Equals(ntp) && external.Equals(SimulatedDestinations.NtpUpstream.Address))
                || (office.Contains(local) && officeWeb.Contains(external));
            Assert.True(allowed, $"unexpected external traffic {source} -> {destination} at {p.Time:O}");
        }
        Assert.Contains(packets, static p => p.Vlan == 10 && p.Tcp?.SourcePort == 554);
        Assert.Contains(packets, static p => p.Vlan == 20 && p.Tcp?.DestinationPort == 1883);
    }

    [Fact]
    public void Without_office_internet_only_the_resolver_and_NTP_server_talk_external()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tw-sim-strict-{Environment.ProcessId}.pcap");
        try
        {
            var options = ScenarioCaptures.Options(SimulationScenarios.Normal, path);
            options.OfficeInternet = false;
            var result = new CityNetworkSimulator(options).Run();
            var packets = CaptureFile.Read(path);
            var resolver = result.Devices.Single(static d => d.Role == DeviceRole.DnsResolver).Address;
            var ntp = result.Devices.Single(static d => d.Role == DeviceRole.NtpServer).Address;

            var external = packets.Where(static p => p.Ip is not null && (IsExternal(p.Source!) || IsExternal(p.Destination!))).ToList();
            Assert.NotEmpty(external);
            Assert.All(external, p => Assert.True(
                (p.Source!.Equals(resolver) || p.Destination!.Equals(resolver)) && (p.Source.Equals(SimulatedDestinations.DnsUpstream.Address) || p.Destination!.Equals(SimulatedDestinations.DnsUpstream.Address))
                || (p.Source.Equals(ntp) || p.Destination!.Equals(ntp)) && (p.Source.Equals(SimulatedDestinations.NtpUpstream.Address) || p.Destination!.Equals(SimulatedDestinations.NtpUpstream.Address)),
                $"{p.Source} -> {p.Destination}"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Devices_use_their_vendors_real_OUIs_and_do_DHCP_with_a_hostname()
    {
        var (result, packets) = captures.Get(SimulationScenarios.Normal);
        var ouis = new Dictionary<string, ulong[]>
        {
            ["Hikvision"] = [0x4419B6, 0xBCAD28, 0xC056E3],
            ["Dahua"] = [0x3CEF8C, 0x9002A9],
            ["Axis"] = [0x00408C, 0xACCC8E],
            ["Espressif"] = [0x240AC4, 0x7CDFA1, 0xD8F15B, 0x500291],
            ["Siemens"] = [0x000E8C],
        };
        foreach (var device in result.Devices.Where(d => ouis.ContainsKey(d.Vendor)))
        {
            Assert.Contains(device.Mac.Value >> 24, ouis[device.Vendor]);
        }
        var discovers = packets.Where(static p => p.Udp?.DestinationPort == 67 && ProtocolPeek.DhcpMessageType(p.UdpPayload) == 1)
            .Select(static p => p.SourceMac).ToHashSet();
        foreach (var device in result.Devices.Where(static d => d.Role is DeviceRole.Camera or DeviceRole.IotSensor or DeviceRole.OfficePc))
        {
            Assert.Contains(device.Mac, discovers);
        }
    }

    private static void AssertEvidence(InjectedViolation v, List<CapturedPacket> packets)
    {
        var fromDevice = packets.Where(p => p.SourceMac == v.DeviceMac).ToList();
        switch (v.Rule)
        {
            case SimulationScenarios.VendorCloud:
            {
                var hello = Assert.Single(fromDevice, p => v.Destination!.Equals(p.Destination) && ProtocolPeek.ClientHelloServerName(p.TcpPayload) is not null);
                Assert.Equal(v.ServerName, ProtocolPeek.ClientHelloServerName(hello.TcpPayload));
                Assert.EndsWith(".hik-connect.com", v.ServerName, StringComparison.Ordinal);
                var uploaded = fromDevice.Where(p => v.Destination!.Equals(p.Destination)).Sum(static p => p.TcpPayload.Length);
                Assert.InRange(uploaded, 200_000, 1_000_000);
                Assert.Contains(fromDevice, p => p.Time < hello.Time && ProtocolPeek.DnsQuestion(p.UdpPayload, out _) == v.ServerName);
                break;
            }
            case SimulationScenarios.DirectIp:
            {
                var syn = fromDevice.First(p => p.IsSyn && v.Destination!.Equals(p.Destination));
                Assert.Equal(v.DestinationPort, syn.Tcp!.DestinationPort);
                Assert.Equal(v.FirstSeen, syn.Time);
                Assert.DoesNotContain(packets, p => p.Udp?.SourcePort == 53 && p.Time < syn.Time && ContainsAddress(p.UdpPayload, v.Destination!));
                break;
            }
            case SimulationScenarios.Beaconing:
            {
                var syns = fromDevice.Where(p => p.IsSyn && v.Destination!.Equals(p.Destination)).Select(static p => p.Time).ToList();
                Assert.True(syns.Count >= 4, $"{syns.Count} beacons");
                for (var i = 1; i < syns.Count; i++)
                {
                    Assert.InRange((syns[i] - syns[i - 1]).TotalSeconds, 59.0, 61.0);
                }
                var sizes = fromDevice.Where(p => v.Destination!.Equals(p.Destination) && p.TcpPayload.Length > 0).Select(static p => p.TcpPayload.Length).Distinct();
                Assert.Single(sizes);
                break;
            }
            case SimulationScenarios.DnsTunnel:
            {
                var names = fromDevice.Select(static p => ProtocolPeek.DnsQuestion(p.UdpPayload, out var response) is { } n && !response ? n : null)
                    .Where(n => n is not null && n.EndsWith("." + v.ServerName, StringComparison.Ordinal)).Select(static n => n!).ToList();
                Assert.True(names.Count >= 100, $"{names.Count} tunnel queries");
                Assert.All(names, static n => Assert.True(n.Split('.')[0].Length >= 50 && ProtocolPeek.Entropy(n.Split('.')[0]) > 4.0, n));
                break;
            }
            case SimulationScenarios.RogueDevice:
            {
                Assert.Equal(0xB827EBUL, v.DeviceMac.Value >> 24);
                var discover = fromDevice.First(static p => p.Udp?.DestinationPort == 67);
                Assert.Equal(1, ProtocolPeek.DhcpMessageType(discover.UdpPayload));
                Assert.Equal(10, discover.Vlan);
                Assert.Equal(v.FirstSeen, discover.Time);
                break;
            }
            case SimulationScenarios.SlowDrip:
            {
                var syns = fromDevice.Where(p => p.IsSyn && v.Destination!.Equals(p.Destination)).ToList();
                Assert.True(syns.Count >= 2, $"{syns.Count} uploads");
                Assert.All(syns.Zip(syns.Skip(1)), static pair => Assert.InRange((pair.Second.Time - pair.First.Time).TotalSeconds, 150, 260));
                var bytes = fromDevice.Where(p => v.Destination!.Equals(p.Destination)).Sum(static p => p.TcpPayload.Length);
                Assert.InRange(bytes, syns.Count * 400_000, syns.Count * 610_000);   // ~9 MB an hour: enough for exfil-volume
                break;
            }
            case SimulationScenarios.CleartextManagement:
            {
                Assert.Contains(fromDevice, p => p.Tcp?.DestinationPort == 23 && v.Destination!.Equals(p.Destination) && p.TcpPayload.AsSpan().IndexOf("admin"u8) >= 0);
                Assert.Contains(packets, p => p.Tcp?.SourcePort == 23 && p.TcpPayload.AsSpan().IndexOf("login: "u8) >= 0);
                break;
            }
            default:
                Assert.Fail("unknown rule " + v.Rule);
                break;
        }
    }

    private static bool ContainsAddress(byte[] payload, IPAddress address)
        => payload.AsSpan().IndexOf(address.GetAddressBytes()) >= 0;

    private static bool IsExternal(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) || b[0] == 0 || b[0] == 255);
    }
}
