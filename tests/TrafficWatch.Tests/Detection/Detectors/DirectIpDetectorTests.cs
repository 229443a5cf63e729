using TrafficWatch.Detection;
using TrafficWatch.Flows;
using static TrafficWatch.Tests.Detection.Detectors.Facts;

namespace TrafficWatch.Tests.Detection.Detectors;

public sealed class DirectIpDetectorTests
{
    private readonly CollectingAlertSink _sink = new();
    private readonly DirectIpDetector _detector = new(new DirectIpOptions());

    private void Judge(AlertDestination destination, FlowApp? app = null, bool restricted = true, bool external = true, bool initiator = true,
        long flowId = 1)
    {
        _detector.OnFlow(Flow(FlowFactsKind.Start, flowId, At(0), Camera(), destination, 74, restricted: restricted, external: external,
            initiator: initiator), _sink);
        _detector.OnFlow(Flow(FlowFactsKind.Update, flowId, At(30), Camera(), destination, 2_000, 3_000, restricted, external, initiator, app,
            At(0)), _sink);
    }

    [Fact]
    public void Connection_to_an_address_never_named_alerts_on_the_first_update()
    {
        Judge(External(port: 8000));
        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal(("direct-ip", 9100005, AlertSeverity.Medium), (alert.Rule, alert.SignatureId, alert.Severity));
        Assert.Equal(At(30), alert.Timestamp);
        Assert.Equal(1, alert.FlowId);
        Assert.Equal(
            "Camera 'lobby-cam' (Hikvision) connected to 203.0.113.7:8000 (CN, AS4134 Chinanet) without looking up a name or sending one, "
            + "so the address is built into its software; hard-coded internet addresses are typical of malware and of undocumented vendor services.",
            alert.Explanation);
    }

    [Fact]
    public void The_first_packet_alone_is_not_judged()
    {
        _detector.OnFlow(Flow(FlowFactsKind.Start, 1, At(0), Camera(), External(), 74), _sink);
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void A_flow_is_judged_once_however_many_updates_it_has()
    {
        Judge(External());
        for (var i = 2; i < 10; i++)
        {
            _detector.OnFlow(Flow(FlowFactsKind.Update, 1, At(30 * i), Camera(), External(), 2_000, start: At(0)), _sink);
        }
        _detector.OnFlow(Flow(FlowFactsKind.End, 1, At(400), Camera(), External(), 2_000, start: At(0)), _sink);
        Assert.Single(_sink.Alerts);
    }

    [Fact]
    public void A_flow_seen_only_at_its_end_is_judged_then()
    {
        _detector.OnFlow(Flow(FlowFactsKind.End, 9, At(3), Camera(), External(port: 9000), 300, 200), _sink);
        Assert.Single(_sink.Alerts);
    }

    [Fact]
    public void Resolved_names_sni_and_http_hosts_clear_the_flow()
    {
        Judge(External(name: "cloud.example.com"), flowId: 1);
        Judge(External(), new FlowApp { Sni = "cloud.example.com" }, flowId: 2);
        Judge(External(port: 80), new FlowApp { HttpHost = "update.example.com" }, flowId: 3);
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void An_http_host_that_is_just_the_address_is_no_name()
    {
        Judge(External(port: 80), new FlowApp { HttpHost = "203.0.113.7:80" });
        Assert.Single(_sink.Alerts);
    }

    [Fact]
    public void Resolvers_time_servers_internal_addresses_office_devices_and_inbound_sessions_are_not_judged()
    {
        Judge(External("8.8.8.8", 53, 17), flowId: 1);
        Judge(External("162.159.200.1", 123, 17), flowId: 2);
        Judge(InternalHost(), external: false, flowId: 3);
        Judge(External(), restricted: false, flowId: 4);
        Judge(External(port: 50_123), initiator: false, flowId: 5);
        Judge(External(port: 0, protocol: 1), flowId: 6);
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Remembered_flows_stay_bounded()
    {
        var detector = new DirectIpDetector(new DirectIpOptions { MaxTrackedFlows = 1_000 });
        for (var i = 0; i < 100_000; i++)
        {
            detector.OnFlow(Flow(FlowFactsKind.Update, i, At(i * 0.01), Camera(i), External(name: "ok.example.com"), 100), _sink);
        }
        Assert.InRange(detector.TrackedFlows, 1, 1_000);
        Assert.Empty(_sink.Alerts);
    }
}
