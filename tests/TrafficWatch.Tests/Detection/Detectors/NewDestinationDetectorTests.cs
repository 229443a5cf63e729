using TrafficWatch.Detection;
using TrafficWatch.Flows;
using static TrafficWatch.Tests.Detection.Detectors.Facts;

namespace TrafficWatch.Tests.Detection.Detectors;

public sealed class NewDestinationDetectorTests
{
    private const double Day = 86_400;
    private readonly CollectingAlertSink _sink = new();
    private readonly NewDestinationDetector _detector = new(new NewDestinationOptions());
    private long _flowId;

    private void Use(int camera, double seconds, AlertDestination destination, FlowApp? app = null)
    {
        var id = ++_flowId;
        _detector.OnFlow(Flow(FlowFactsKind.Start, id, At(seconds), Camera(camera, $"cam-{camera}"), destination, 74), _sink);
        _detector.OnFlow(Flow(FlowFactsKind.End, id, At(seconds + 10), Camera(camera, $"cam-{camera}"), destination, 900, 900, app: app,
            start: At(seconds)), _sink);
    }

    /// <summary>Three cameras learn NTP by name and a vendor cloud by its SNI during the first day.</summary>
    private void Learn()
    {
        for (var camera = 1; camera <= 3; camera++)
        {
            Use(camera, camera, External("162.159.200.1", 123, 17, name: "pool.ntp.org"));
            Use(camera, 600 + camera, External("198.51.100.10"), new FlowApp { Sni = "p2p.hik-connect.com" });
        }
    }

    [Fact]
    public void Nothing_alerts_during_the_learning_period()
    {
        Learn();
        Use(1, Day - 10, External("192.0.2.44", 8443));
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void A_destination_no_camera_used_alerts_after_learning_with_its_prevalence()
    {
        Learn();
        Use(2, Day + 60, External("192.0.2.44", 8443));
        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal(("new-destination", 9100006, AlertSeverity.Low), (alert.Rule, alert.SignatureId, alert.Severity));
        Assert.Equal(
            "Camera 'cam-2' (Hikvision) contacted 192.0.2.44:8443 (CN, AS4134 Chinanet), a destination none of the cameras used during the "
            + "24-hour learning period; 1 of the 3 cameras seen so far use it.",
            alert.Explanation);
        // the second camera to use it is no longer news
        Use(3, Day + 120, External("192.0.2.45", 8443));
        Assert.Single(_sink.Alerts);
    }

    [Fact]
    public void Known_names_under_the_same_domain_and_addresses_in_a_known_network_are_not_new()
    {
        Learn();
        Use(1, Day + 60, External("198.51.100.99"), new FlowApp { Sni = "eu-node7.p2p.hik-connect.com" });   // same registered domain
        Use(1, Day + 120, External("162.159.200.123", 123, 17, name: "pool.ntp.org"));                     // name known from DNS
        Assert.Empty(_sink.Alerts);
    }

    [Theory]
    [InlineData("cdn.example.com", "example.com 6/443")]
    [InlineData("Img.CDN.Example.COM.", "example.com 6/443")]
    [InlineData("example.com:8080", "example.com 6/443")]
    [InlineData("a.b.vendor.co.uk", "vendor.co.uk 6/443")]
    [InlineData(null, "203.0.113.0/24 6/443")]
    public void Destinations_are_keyed_by_registered_domain_or_network(string? name, string key)
        => Assert.Equal(key, NewDestinationDetector.Key(Flow(FlowFactsKind.End, 1, At(0), Camera(), External()), name));

    [Fact]
    public void Ipv6_destinations_are_keyed_by_their_48()
        => Assert.Equal("2001:db8:1::/48 17/5683",
            NewDestinationDetector.Key(Flow(FlowFactsKind.End, 1, At(0), Camera(), External("2001:db8:1:2::7", 5683, 17)), null));

    [Fact]
    public void A_known_domain_on_a_new_port_is_new()
    {
        Learn();
        Use(1, Day + 60, External("198.51.100.10", 8000), new FlowApp { Sni = "p2p.hik-connect.com" });
        Assert.Single(_sink.Alerts);
    }

    [Fact]
    public void A_name_known_from_dns_is_judged_at_flow_start()
    {
        Learn();
        _detector.OnFlow(Flow(FlowFactsKind.Start, 99, At(Day + 60), Camera(1), External("192.0.2.44", name: "new.example.net"), 74), _sink);
        var alert = Assert.Single(_sink.Alerts);
        Assert.Contains("new.example.net (192.0.2.44:443, CN, AS4134 Chinanet)", alert.Explanation, StringComparison.Ordinal);
        _detector.OnFlow(Flow(FlowFactsKind.End, 99, At(Day + 70), Camera(1), External("192.0.2.44", name: "new.example.net"), 74), _sink);
        Assert.Single(_sink.Alerts);
    }

    [Fact]
    public void Office_devices_and_internal_destinations_are_not_judged_by_default()
    {
        Learn();
        _detector.OnFlow(Flow(FlowFactsKind.End, 90, At(Day + 60), Office(), External("192.0.2.44"), 500, restricted: false), _sink);
        _detector.OnFlow(Flow(FlowFactsKind.End, 91, At(Day + 60), Camera(1), InternalHost("10.9.9.9", 80), 500, external: false), _sink);
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Remembered_destinations_stay_bounded()
    {
        var detector = new NewDestinationDetector(new NewDestinationOptions { MaxDestinationsPerClass = 1_000, MaxDevicesPerClass = 1_000 });
        for (var i = 0; i < 100_000; i++)
        {
            var address = $"{100 + i / 65_536 % 100}.{i / 256 % 256}.{i % 256}.1";
            detector.OnFlow(Flow(FlowFactsKind.End, i, At(i), Camera(i), External(address), 500), _sink);
        }
        Assert.InRange(detector.TrackedDestinations, 1, 1_000);
        Assert.InRange(detector.TrackedDevices, 1, 1_000);
    }
}
