using TrafficWatch.Detection;

namespace TrafficWatch.Tests.Detection.Detectors;

public sealed class AlertRulesTests
{
    [Fact]
    public void Every_rule_has_its_own_stable_signature_id()
    {
        Assert.Equal(Enumerable.Range(9_100_001, 10), AlertRules.All.Select(r => r.SignatureId));
        Assert.Equal(AlertRules.All.Count, AlertRules.All.Select(r => r.Rule).Distinct().Count());
        Assert.Same(AlertRules.Beaconing, AlertRules.Find("beaconing"));
        Assert.Null(AlertRules.Find("no-such-rule"));
    }

    [Fact]
    public void Every_behavioural_detector_names_a_catalogued_rule()
    {
        var detectors = BehaviouralDetectors.Create(new BehaviouralDetectorOptions(), registerConfigured: true);
        Assert.Equal(["exfil-volume", "direct-ip", "new-destination", "beaconing", "dns-tunnel", "new-device", "cleartext-management"],
            detectors.Select(d => d.Rule));
        Assert.All(detectors, d => Assert.NotNull(AlertRules.Find(d.Rule)));
    }

    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(999, "999 bytes")]
    [InlineData(1_000, "1.0 kB")]
    [InlineData(4_900_000, "4.9 MB")]
    [InlineData(5_100_000, "5.1 MB")]
    [InlineData(48_000_000, "48 MB")]
    [InlineData(999_999_999, "1.0 GB")]
    public void Byte_counts_read_naturally(long bytes, string text) => Assert.Equal(text, AlertText.Bytes(bytes));

    [Fact]
    public void Wire_text_in_explanations_is_bounded()
    {
        var device = new AlertDevice { Mac = new(1), Name = new string('x', 5_000), Class = "camera" };
        var text = AlertText.Device(device);
        Assert.Equal($"Camera '{new string('x', 61)}...'", text);
    }
}
