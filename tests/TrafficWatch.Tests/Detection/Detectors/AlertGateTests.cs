using TrafficWatch.Decode;
using TrafficWatch.Detection;
using static TrafficWatch.Tests.Detection.Detectors.Facts;

namespace TrafficWatch.Tests.Detection.Detectors;

public sealed class AlertGateTests
{
    private readonly CollectingAlertSink _inner = new();

    private static Alert Make(AlertRule rule, double seconds, AlertDevice? device = null, AlertDestination? destination = null)
        => AlertText.Create(rule, At(seconds), device ?? Camera(), "test") with { Destination = destination };

    [Fact]
    public void Repeats_within_the_cooldown_are_held_back_and_counted()
    {
        var gate = new AlertGate(_inner, new AlertGateOptions());
        gate.OnAlert(Make(AlertRules.DirectIp, 0, destination: External()));
        gate.OnAlert(Make(AlertRules.DirectIp, 60, destination: External()));
        gate.OnAlert(Make(AlertRules.DirectIp, 3_599, destination: External()));
        gate.OnAlert(Make(AlertRules.DirectIp, 3_600, destination: External()));
        Assert.Equal([At(0), At(3_600)], _inner.Alerts.Select(a => a.Timestamp));
        Assert.Equal((2, 2, 0), (gate.Forwarded, gate.Duplicates, gate.Suppressed));
        Assert.Equal(2, gate.DuplicatesOf("direct-ip"));
    }

    [Fact]
    public void Rule_device_and_destination_each_make_a_different_finding()
    {
        var gate = new AlertGate(_inner, new AlertGateOptions());
        gate.OnAlert(Make(AlertRules.DirectIp, 0, destination: External()));
        gate.OnAlert(Make(AlertRules.CleartextManagement, 1, destination: External()));
        gate.OnAlert(Make(AlertRules.DirectIp, 2, Camera(2), External()));
        gate.OnAlert(Make(AlertRules.DirectIp, 3, destination: External("198.51.100.1")));
        gate.OnAlert(Make(AlertRules.NewDevice, 4));
        gate.OnAlert(Make(AlertRules.NewDevice, 5));
        Assert.Equal(5, _inner.Alerts.Count);
    }

    [Fact]
    public void A_named_destination_is_one_finding_whatever_its_address()
    {
        var gate = new AlertGate(_inner, new AlertGateOptions());
        gate.OnAlert(Make(AlertRules.NewDestination, 0, destination: External("198.51.100.1", name: "Cdn.Example.com")));
        gate.OnAlert(Make(AlertRules.NewDestination, 5, destination: External("198.51.100.2", name: "cdn.example.com")));
        Assert.Single(_inner.Alerts);
    }

    [Fact]
    public void Per_rule_cooldowns_override_the_default()
    {
        var gate = new AlertGate(_inner, new AlertGateOptions { RuleCooldownSeconds = { ["exfil-volume"] = 0, ["new-device"] = 86_400 } });
        gate.OnAlert(Make(AlertRules.ExfilVolume, 0));
        gate.OnAlert(Make(AlertRules.ExfilVolume, 1));
        gate.OnAlert(Make(AlertRules.NewDevice, 0));
        gate.OnAlert(Make(AlertRules.NewDevice, 7_200));
        Assert.Equal(["exfil-volume", "exfil-volume", "new-device"], _inner.Alerts.Select(a => a.Rule));
    }

    [Fact]
    public void Suppressed_alerts_are_dropped_and_start_no_cooldown()
    {
        var accepted = IpAddr.Parse("198.51.100.1");
        var gate = new AlertGate(_inner, new AlertGateOptions(), a => a.Destination?.Address == accepted && a.Timestamp < At(100));
        gate.OnAlert(Make(AlertRules.DirectIp, 0, destination: External("198.51.100.1")));
        gate.OnAlert(Make(AlertRules.DirectIp, 200, destination: External("198.51.100.1")));   // the suppression expired
        Assert.Equal([At(200)], _inner.Alerts.Select(a => a.Timestamp));
        Assert.Equal((1, 0, 1), (gate.Forwarded, gate.Duplicates, gate.Suppressed));
    }

    [Fact]
    public void Slightly_out_of_order_repeats_are_still_repeats()
    {
        var gate = new AlertGate(_inner, new AlertGateOptions());
        gate.OnAlert(Make(AlertRules.DirectIp, 10, destination: External()));
        gate.OnAlert(Make(AlertRules.DirectIp, 9, destination: External()));
        Assert.Single(_inner.Alerts);
    }

    [Fact]
    public void Remembered_keys_stay_bounded()
    {
        var gate = new AlertGate(_inner, new AlertGateOptions { MaxKeys = 1_000 });
        for (var i = 0; i < 100_000; i++)
        {
            gate.OnAlert(Make(AlertRules.NewDevice, i, Camera(i)));
        }
        Assert.InRange(gate.TrackedKeys, 1, 1_000);
        Assert.Equal(100_000, gate.Forwarded);
    }
}
