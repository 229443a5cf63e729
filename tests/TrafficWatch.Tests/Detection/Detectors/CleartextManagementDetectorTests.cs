using TrafficWatch.Detection;
using TrafficWatch.Flows;
using static TrafficWatch.Tests.Detection.Detectors.Facts;

namespace TrafficWatch.Tests.Detection.Detectors;

public sealed class CleartextManagementDetectorTests
{
    private readonly CollectingAlertSink _sink = new();
    private readonly CleartextManagementDetector _detector = new(new CleartextManagementOptions());

    private void Judge(AlertDestination destination, FlowApp? app = null, bool restricted = true, bool external = true, long flowId = 1)
    {
        _detector.OnFlow(Flow(FlowFactsKind.Start, flowId, At(0), Camera(), destination, 74, restricted: restricted, external: external), _sink);
        _detector.OnFlow(Flow(FlowFactsKind.Update, flowId, At(30), Camera(), destination, 400, 900, restricted, external, app: app,
            start: At(0)), _sink);
    }

    [Fact]
    public void Telnet_to_the_internet_alerts_on_the_first_update()
    {
        Judge(External(port: 23));
        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal(("cleartext-management", 9100010, AlertSeverity.Medium), (alert.Rule, alert.SignatureId, alert.Severity));
        Assert.Equal(
            "Camera 'lobby-cam' (Hikvision) used telnet to 203.0.113.7:23 (CN, AS4134 Chinanet); anyone on the path can read the password, "
            + "and restricted devices should not be managed from the internet at all.",
            alert.Explanation);
    }

    [Fact]
    public void Ftp_and_http_basic_authentication_alert()
    {
        Judge(External(port: 21), flowId: 1);
        Judge(External(port: 8080), new FlowApp { HttpHost = "203.0.113.7:8080", HttpBasicAuth = true }, flowId: 2);
        Assert.Equal(2, _sink.Alerts.Count);
        Assert.Contains(" used FTP to 203.0.113.7:21 ", _sink.Alerts[0].Explanation, StringComparison.Ordinal);
        Assert.Contains("(HTTP Basic authentication)", _sink.Alerts[1].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Near_misses_do_not_alert()
    {
        Judge(External(port: 80), new FlowApp { HttpHost = "example.com" }, flowId: 1);   // plain HTTP without credentials
        Judge(External(port: 22), flowId: 2);                                               // SSH is encrypted
        Judge(External(port: 23, protocol: 17), flowId: 3);                                 // UDP 23 is not telnet
        Judge(InternalHost(port: 23), external: false, flowId: 4);                          // telnet inside the council network
        Judge(External(port: 23), restricted: false, flowId: 5);                            // office devices are only watched
        _detector.OnFlow(Flow(FlowFactsKind.Start, 6, At(0), Camera(), External(port: 23), 74), _sink);  // first packet only
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void A_flow_alerts_once()
    {
        Judge(External(port: 23));
        _detector.OnFlow(Flow(FlowFactsKind.Update, 1, At(60), Camera(), External(port: 23), 400, start: At(0)), _sink);
        _detector.OnFlow(Flow(FlowFactsKind.End, 1, At(70), Camera(), External(port: 23), 400, start: At(0)), _sink);
        Assert.Single(_sink.Alerts);
    }

    [Fact]
    public void A_device_sweeping_the_internet_raises_a_few_alerts_an_hour_not_thousands()
    {
        var direct = new DirectIpDetector(new DirectIpOptions());
        for (var i = 0; i < 2_000; i++)
        {
            // a worm-infected camera trying telnet on address after address
            var target = External($"198.{18 + i / 65_536}.{i / 256 % 256}.{i % 256}", 23);
            var update = Flow(FlowFactsKind.Update, i, At(i), Camera(), target, 60, 40);
            _detector.OnFlow(update, _sink);
            direct.OnFlow(update, _sink);
        }
        Assert.Equal(10, _sink.Alerts.Count(a => a.Rule == "cleartext-management"));   // 2,000 s: all within the first hour
        Assert.Equal(_sink.Alerts.Count(a => a.Rule == "cleartext-management"), _sink.Alerts.Count(a => a.Rule == "direct-ip"));
        Assert.Equal(1_990, _detector.Withheld);
        Assert.Equal(1_990, direct.Withheld);
    }
}
