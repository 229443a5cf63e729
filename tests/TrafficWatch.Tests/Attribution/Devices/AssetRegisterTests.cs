using TrafficWatch.Attribution.Assets;
using TrafficWatch.Tests.Capture;
using Xunit.Abstractions;
using static TrafficWatch.Tests.Attribution.Devices.DeviceTestKit;

namespace TrafficWatch.Tests.Attribution.Devices;

public sealed class AssetRegisterTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Register = "\uFEFF# Council camera register, exported 2025-06-01\n"
        + "Name,MAC,IP,Zone,Site,Owner,Notes\n"
        + "\n"
        + "Front gate,04:03:12:AA:BB:01,10.10.0.7,cameras,Town Hall,Facilities,\"PTZ, north side\"\n"
        + "  # decommissioned: 04:03:12:aa:bb:02\n"
        + "Plug,08-3A-8D-00-00-02,,iot,\"Depot\",Fleet,\"multi\nline \"\"note\"\"\"\n"
        + "Printer,,10.30.0.9,office,Library,IT,# not a comment inside a row\n";

    [Fact]
    public void A_register_with_comments_quotes_and_any_column_order_loads_from_a_file()
    {
        var path = _dir.File("assets.csv");
        File.WriteAllText(path, Register);

        var register = AssetRegister.Load(path);

        Assert.Equal(3, register.Records.Count);
        Assert.True(register.TryGetByMac(MacOf("04:03:12:aa:bb:01"), out var gate));
        Assert.Equal(("Front gate", "cameras", "Town Hall", "Facilities", "PTZ, north side", 4),
            (gate.Name, gate.Zone, gate.Site, gate.Owner, gate.Notes, gate.Line));
        Assert.Equal(Ip("10.10.0.7"), gate.Address);
        Assert.True(register.TryGetByMac(EspressifPlug, out var plug));
        Assert.Equal(("multi\nline \"note\"", 6), (plug.Notes, plug.Line));
        Assert.True(register.TryGetByAddress(Ip("10.30.0.9"), out var printer));
        Assert.Equal(("Printer", "# not a comment inside a row", 8), (printer.Name, printer.Notes, printer.Line));
        Assert.False(register.TryGetByAddress(Ip("10.10.0.7"), out _));        // a row with a MAC matches by MAC only
    }

    [Fact]
    public void Listed_devices_are_registered_and_labelled_and_others_are_not()
    {
        var register = AssetRegister.Parse(Register, "assets.csv");
        var table = NewTable(assets: register);

        table.ObserveArp(HikvisionCam, 10, Ip("10.10.0.7"), At(0));
        table.ObserveArp(MacOf("00:00:00:00:30:09"), 30, Ip("10.30.0.9"), At(0));
        table.ObserveArp(UnknownMac, 30, Ip("10.30.0.10"), At(0));

        var snapshot = table.Snapshot();
        var byMac = snapshot.ToDictionary(static s => s.Mac);
        Assert.True(byMac[HikvisionCam].Registered);
        Assert.Equal("Front gate", byMac[HikvisionCam].Asset?.Name);
        Assert.Equal("cameras", byMac[HikvisionCam].Zone);                    // no Zones configured: the register's zone
        Assert.True(byMac[MacOf("00:00:00:00:30:09")].Registered);             // IP-only row matched by its address
        Assert.Equal("office", byMac[MacOf("00:00:00:00:30:09")].Zone);
        Assert.False(byMac[UnknownMac].Registered);
        Assert.Null(byMac[UnknownMac].Asset);
    }

    [Theory]
    [InlineData("mac,ip\n04:03:12:aa:bb:zz,\n", "assets.csv:2: '04:03:12:aa:bb:zz' is not a unicast MAC address")]
    [InlineData("mac,ip\n01:00:5e:00:00:01,\n", "assets.csv:2: '01:00:5e:00:00:01' is not a unicast MAC address")]
    [InlineData("mac,ip\n,10.1\n", "assets.csv:2: '10.1' is not an IPv4 or IPv6 address")]
    [InlineData("mac,ip\n,\n", "assets.csv:2: a row needs a mac or an ip")]
    [InlineData("mac,ip,name\n04:03:12:aa:bb:01,10.0.0.1\n", "assets.csv:2: expected 3 fields like the header, found 2")]
    [InlineData("mac,name\n04:03:12:aa:bb:01,\"open\n\n", "assets.csv:2: unterminated quoted field")]
    [InlineData("mac,name\n04:03:12:aa:bb:01,\"x\"y\n", "assets.csv:2: unexpected text after a closing quote")]
    [InlineData("mac,name\n04:03:12:aa:bb:01,a\"b\n", "assets.csv:2: a '\"' inside an unquoted field")]
    [InlineData("mac,hostname\n", "assets.csv:1: unknown column 'hostname'")]
    [InlineData("mac,MAC\n", "assets.csv:1: column 'mac' appears twice")]
    [InlineData("name,site\n", "assets.csv:1: the header needs a 'mac' or an 'ip' column")]
    [InlineData("# only a comment\n\n", "assets.csv:1: empty asset register")]
    [InlineData("mac\n04:03:12:aa:bb:01\n# x\n04-03-12-AA-BB-01\n", "assets.csv:4: MAC 04:03:12:aa:bb:01 is already listed on line 2")]
    [InlineData("ip\n10.0.0.1\n10.0.0.1\n", "assets.csv:3: address 10.0.0.1 is already listed on line 2")]
    public void Problems_are_reported_as_file_line_problem(string csv, string expected)
    {
        var ex = Assert.Throws<AssetRegisterException>(() => AssetRegister.Parse(csv, "assets.csv"));

        output.WriteLine(ex.Message);
        Assert.Contains(ex.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_of_a_file_is_listed_at_once_with_its_own_line()
    {
        const string csv = "mac,ip,name\nbad,10.0.0.1,a\n04:03:12:aa:bb:01,10.0.0.300,b\n\"multi\nline\",10.0.0.2,c\n08:3a:8d:00:00:02,10.0.0.3\n";

        var ex = Assert.Throws<AssetRegisterException>(() => AssetRegister.Parse(csv, "assets.csv"));

        Assert.Equal(["assets.csv:2:", "assets.csv:3:", "assets.csv:4:", "assets.csv:6:"],
            ex.Problems.Select(static p => p[..(p.IndexOf(':', 11) + 1)]));
    }

    [Fact]
    public void A_missing_file_is_one_clear_problem()
    {
        var path = _dir.File("missing.csv");

        var ex = Assert.Throws<AssetRegisterException>(() => AssetRegister.Load(path));

        Assert.StartsWith($"{path}:0: cannot read the asset register", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }
}
