using TrafficWatch.Attribution;
using TrafficWatch.Decode;
using TrafficWatch.Detection;
using TrafficWatch.Detection.Policy;
using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Detection.Destinations;

/// <summary>The destination findings on hand-made facts, judged with the shipped policy.</summary>
public sealed class DestinationPolicyDetectorTests
{
    private static readonly PolicySet s_policy = PolicySet.Load(Path.Combine(SignaturePaths.FindDefault(), PolicySet.FileName));
    private static readonly PacketTime s_t0 = PacketTime.FromSeconds(1_748_851_200);

    private sealed class Collect : IAlertSink
    {
        public List<Alert> Alerts { get; } = [];
        public void OnAlert(Alert alert) => Alerts.Add(alert);
    }

    private static FlowFacts Facts(FlowFactsKind kind, long flowId, string? name, string? country, string? vendorCloud = null,
        bool restricted = true, byte protocol = 6, string deviceClass = "camera")
    {
        var device = new AlertDevice { Mac = new MacAddress(0x4419B6000001), Vlan = 10, Class = deviceClass, Vendor = "hikvision" };
        var destination = new AlertDestination
        {
            Address = IpAddr.Parse("203.0.113.7"),
            Port = 443,
            Protocol = protocol,
            Name = name,
            NameSource = name is null ? NameSource.None : NameSource.Dns,
            Country = country,
        };
        DeviceClassNames.TryParse(deviceClass, out var parsed);
        var decision = s_policy.Evaluate(new PolicySubject(device.Mac, null, parsed, "hikvision"),
            new PolicyTarget(destination.Address, 443, protocol, name, country, null, false), s_t0);
        return new FlowFacts
        {
            Kind = kind,
            FlowId = flowId,
            Time = s_t0,
            FlowStart = s_t0,
            Device = device,
            DeviceRestricted = restricted,
            Destination = destination,
            DestinationIsExternal = true,
            VendorCloud = vendorCloud,
            Policy = decision,
        };
    }

    private static List<Alert> Judge(params FlowFacts[] facts)
    {
        var detector = new DestinationPolicyDetector(new DestinationPolicyOptions(), s_policy);
        var sink = new Collect();
        foreach (var f in facts)
        {
            detector.OnFlow(f, sink);
        }
        return sink.Alerts;
    }

    [Fact]
    public void Vendor_cloud_wins_over_restricted_country_which_wins_over_unapproved()
    {
        Assert.Equal("vendor-cloud", Assert.Single(Judge(Facts(FlowFactsKind.Start, 1, "api.hik-connect.com", "CN", vendorCloud: "hikvision"))).Rule);
        Assert.Equal("restricted-country", Assert.Single(Judge(Facts(FlowFactsKind.Start, 2, "x.example.cn", "CN"))).Rule);
        var unapproved = Assert.Single(Judge(Facts(FlowFactsKind.Start, 3, "x.example.com", "GB")));
        Assert.Equal("unapproved-destination", unapproved.Rule);
        Assert.StartsWith("policy.yaml:", unapproved.PolicyLine, StringComparison.Ordinal);
        Assert.Equal(AlertSeverity.High, unapproved.Severity);
    }

    [Fact]
    public void A_tcp_flow_without_a_name_waits_for_the_first_update_and_is_judged_once()
    {
        var start = Facts(FlowFactsKind.Start, 7, name: null, "GB");
        var update = Facts(FlowFactsKind.Update, 7, name: null, "GB");
        var end = Facts(FlowFactsKind.End, 7, name: null, "GB");
        var alerts = Judge(start, update, update, end);
        var alert = Assert.Single(alerts);
        Assert.Equal(7, alert.FlowId);
        Assert.Empty(Judge(start));                                    // the first packet alone says nothing yet

        var udp = Facts(FlowFactsKind.Start, 8, name: null, "GB", protocol: 17);
        Assert.Single(Judge(udp));                                     // no SNI can follow: judged at once
    }

    [Fact]
    public void Unrestricted_devices_raise_nothing_by_default_and_office_pcs_may_browse()
    {
        Assert.Empty(Judge(Facts(FlowFactsKind.Start, 9, "x.example.cn", "CN", restricted: false, deviceClass: "office")));
        Assert.Empty(Judge(Facts(FlowFactsKind.Start, 10, "www.example.org", "GB", restricted: false, deviceClass: "office")));
    }
}
