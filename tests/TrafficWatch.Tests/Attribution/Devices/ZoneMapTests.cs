using Microsoft.Extensions.Configuration;
using TrafficWatch.Attribution.Zones;
using static TrafficWatch.Tests.Attribution.Devices.DeviceTestKit;

namespace TrafficWatch.Tests.Attribution.Devices;

public sealed class ZoneMapTests
{
    private static ZoneOptions Council() => new()
    {
        Zones =
        [
            new ZoneDefinition { Name = "cameras", Vlans = [10] },
            new ZoneDefinition { Name = "iot", Vlans = [20], Cidrs = ["10.20.0.0/16"] },
            new ZoneDefinition { Name = "iot-lab", Cidrs = ["10.20.5.0/24", "2001:db8:20::/48"] },
            new ZoneDefinition { Name = "office", Cidrs = ["10.0.0.0/8"] },
        ],
    };

    [Fact]
    public void A_vlan_binding_wins_then_the_longest_matching_cidr()
    {
        var zones = new ZoneMap(Council());

        Assert.Equal("cameras", zones.Resolve(10, Ip("10.20.5.9")));
        Assert.Equal("iot", zones.Resolve(20, Ip("192.0.2.1")));
        Assert.Equal("iot-lab", zones.Resolve(0, Ip("10.20.5.9")));
        Assert.Equal("iot", zones.Resolve(0, Ip("10.20.6.9")));
        Assert.Equal("office", zones.Resolve(0, Ip("10.99.0.1")));
        Assert.Equal("iot-lab", zones.Resolve(0, Ip("2001:db8:20:1::5")));
        Assert.Null(zones.Resolve(0, Ip("192.168.1.1")));
        Assert.Null(zones.Resolve(0, Ip("::ffff:0:0")));
        Assert.Null(ZoneMap.Empty.Resolve(10, Ip("10.0.0.1")));
    }

    [Fact]
    public void Zones_bind_from_configuration_and_label_devices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zones:0:Name"] = "cameras",
            ["Zones:0:Vlans:0"] = "10",
            ["Zones:1:Name"] = "iot",
            ["Zones:1:Cidrs:0"] = "10.20.0.0/16",
        }).Build();

        var options = ZoneOptions.Bind(configuration);
        Assert.Empty(options.Validate());
        var table = NewTable(zones: new ZoneMap(options));
        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.7"), At(0));
        table.ObserveArp(EspressifPlug, 0, Ip("10.20.0.2"), At(0));
        table.ObserveArp(UnknownMac, 0, Ip("192.168.0.2"), At(0));

        var zones = table.Snapshot().ToDictionary(static s => s.Mac, static s => s.Zone);
        Assert.Equal("cameras", zones[HikvisionCam]);
        Assert.Equal("iot", zones[EspressifPlug]);
        Assert.Null(zones[UnknownMac]);
        Assert.Empty(ZoneOptions.Bind(new ConfigurationBuilder().Build()).Zones);
    }

    [Fact]
    public void Invalid_zones_are_all_reported()
    {
        var options = new ZoneOptions
        {
            Zones =
            [
                new ZoneDefinition { Name = "cameras", Vlans = [10, 5000] },
                new ZoneDefinition { Name = "Cameras", Vlans = [10], Cidrs = ["10.0.0.0/33", "nonsense"] },
                new ZoneDefinition { Name = "bad name!", Cidrs = ["10.1.0.0/16"] },
                new ZoneDefinition { Name = "empty" },
                new ZoneDefinition { Name = "dup-range", Cidrs = ["10.1.0.0/16"] },
            ],
        };

        var errors = options.Validate();

        Assert.Equal(
        [
            "Zones:0:Vlans: 5000 is not a VLAN id (0-4094).",
            "Zones:1:Name 'Cameras' is already used by Zones:0.",
            "Zones:1:Vlans: VLAN 10 already belongs to zone 'cameras'.",
            "Zones:1:Cidrs: '10.0.0.0/33' is not a CIDR range like 10.20.0.0/16 or 2001:db8::/48.",
            "Zones:1:Cidrs: 'nonsense' is not a CIDR range like 10.20.0.0/16 or 2001:db8::/48.",
            "Zones:2:Name 'bad name!' must be 1-64 letters, digits, '.', '_' or '-'.",
            "Zones:3: zone 'empty' needs at least one VLAN or CIDR.",
            "Zones:4:Cidrs: 10.1.0.0/16 already belongs to zone 'bad name!'.",
        ], errors);
        Assert.Throws<ArgumentException>(() => new ZoneMap(options));
    }

    [Fact]
    public void Zone_lookups_allocate_nothing()
    {
        var zones = new ZoneMap(Council());
        var address = Ip("10.20.5.9");
        var hits = 0;
        var allocated = TrafficWatch.Tests.Support.Allocations.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                hits += zones.Resolve(0, address) is null ? 0 : 1;
                hits += zones.Resolve(10, address) is null ? 0 : 1;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(5 * 20_000, hits);
    }
}
