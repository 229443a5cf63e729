using Microsoft.Extensions.Configuration;
using TrafficWatch.Detection;

namespace TrafficWatch.Tests.Detection.Detectors;

public sealed class DetectorOptionsTests
{
    private static BehaviouralDetectorOptions Bind(Dictionary<string, string?> values)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new BehaviouralDetectorOptions();
        foreach (var (section, target) in options.Sections())
        {
            config.GetSection(section).Bind(target, o => o.ErrorOnUnknownConfiguration = true);
        }
        options.Validate();
        return options;
    }

    [Fact]
    public void Each_detector_binds_from_its_own_section()
    {
        var options = Bind(new()
        {
            ["Detection:ExfilVolume:ThresholdBytes"] = "2000000",
            ["Detection:ExfilVolume:ClassThresholdBytes:nvr"] = "50000000",
            ["Detection:DirectIp:IgnoredPorts:0"] = "53",
            ["Detection:Beaconing:ScoreThreshold"] = "0.9",
            ["Detection:DnsTunnel:IgnoredDomains:0"] = "sophosxl.net",
            ["Detection:NewDevice:OnlyWhenRegisterConfigured"] = "false",
            ["Detection:AlertGate:RuleCooldownSeconds:new-device"] = "86400",
        });
        Assert.Equal(2_000_000, options.ExfilVolume.ThresholdBytes);
        Assert.Equal(50_000_000, options.ExfilVolume.ClassThresholdBytes["nvr"]);
        Assert.Equal(0.9, options.Beaconing.ScoreThreshold);
        Assert.Equal(["sophosxl.net"], options.DnsTunnel.IgnoredDomains);
        Assert.False(options.NewDevice.OnlyWhenRegisterConfigured);
        Assert.Equal(86_400, options.AlertGate.RuleCooldownSeconds["new-device"]);
        Assert.Equal(3_600, options.AlertGate.CooldownSeconds);
    }

    [Fact]
    public void A_configured_port_list_replaces_the_default()
    {
        var options = Bind(new() { ["Detection:DirectIp:IgnoredPorts:0"] = "443" });
        Assert.Equal([443], options.DirectIp.EffectiveIgnoredPorts);
        Assert.Equal([53, 123], new DirectIpOptions().EffectiveIgnoredPorts);
    }

    [Fact]
    public void Bad_values_name_their_section()
    {
        var ex = Assert.Throws<ArgumentException>(() => Bind(new() { ["Detection:ExfilVolume:BucketSeconds"] = "7" }));
        Assert.StartsWith("Detection:ExfilVolume: BucketSeconds", ex.Message, StringComparison.Ordinal);
    }
}
