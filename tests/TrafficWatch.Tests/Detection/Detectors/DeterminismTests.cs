using TrafficWatch.Detection;
using TrafficWatch.Flows;
using static TrafficWatch.Tests.Detection.Detectors.Facts;

namespace TrafficWatch.Tests.Detection.Detectors;

public sealed class DeterminismTests
{
    /// <summary>
    /// A day and a half of a small camera fleet with every kind of finding mixed in, through all detectors and the
    /// gate. Returns the alerts that came out.
    /// </summary>
    private static List<Alert> Run()
    {
        var sink = new CollectingAlertSink();
        var gate = new AlertGate(sink, new AlertGateOptions());
        var detectors = BehaviouralDetectors.Create(new BehaviouralDetectorOptions(), registerConfigured: true);
        var random = new Random(42);
        long flowId = 0;

        void Flow(FlowFacts facts)
        {
            foreach (var d in detectors)
            {
                d.OnFlow(facts, gate);
            }
        }

        void Whole(double at, AlertDevice device, AlertDestination destination, long bytesOut, long bytesIn, FlowApp? app = null, string? cloud = null)
        {
            var id = ++flowId;
            Flow(Facts.Flow(FlowFactsKind.Start, id, At(at), device, destination, 74, vendorCloud: cloud));
            Flow(Facts.Flow(FlowFactsKind.End, id, At(at + 2), device, destination, bytesOut, bytesIn, app: app, start: At(at), vendorCloud: cloud));
        }

        for (var n = 1; n <= 4; n++)
        {
            foreach (var d in detectors)
            {
                d.OnDevice(new DeviceFacts(Camera(n, $"cam-{n}"), true, true, At(n)), gate);
            }
        }
        for (var minute = 0; minute < 36 * 60; minute++)
        {
            var t = minute * 60.0;
            var camera = Camera(1 + minute % 4, $"cam-{1 + minute % 4}");
            Whole(t + random.NextDouble() * 30, camera, External("198.51.100.10"), 2_000, 4_000, new FlowApp { Sni = "p2p.hik-connect.com" }, "hikvision");
            if (minute > 26 * 60)
            {
                Whole(t + 0.5 * random.NextDouble(), Camera(3, "cam-3"), External("192.0.2.66", 9000), 300_000, 1_000);   // beacon + exfil + direct-ip + new
            }
            if (minute == 30 * 60)
            {
                Whole(t, Camera(2, "cam-2"), External(port: 23), 500, 900);
                foreach (var d in detectors)
                {
                    d.OnDevice(new DeviceFacts(Camera(99, registered: false), true, true, At(t)), gate);
                    for (var q = 0; q < 25; q++)
                    {
                        d.OnDnsQuery(new DnsQueryFacts(Camera(4), true, $"{Label(random)}.x.exfil-example.com", 16, At(t + q)), gate);
                    }
                }
            }
        }
        return sink.Alerts;
    }

    private static string Label(Random random)
        => string.Create(30, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = "abcdefghijklmnopqrstuvwxyz234567"[r.Next(32)];
            }
        });

    [Fact]
    public void The_same_input_gives_the_same_alerts()
    {
        var first = Run();
        var second = Run();
        var rules = first.Select(a => a.Rule).ToHashSet();
        Assert.Equal(["beaconing", "cleartext-management", "direct-ip", "dns-tunnel", "exfil-volume", "new-destination", "new-device"], rules.Order());
        Assert.DoesNotContain(first, a => a.Destination?.Address == TrafficWatch.Decode.IpAddr.Parse("198.51.100.10"));   // the normal traffic
        Assert.All(first, a => Assert.True(a.Timestamp >= At(26 * 3_600)));
        Assert.Equal(first.Count, second.Count);
        Assert.Equal(first.Select(a => (a.Rule, a.Timestamp, a.Device.Mac, a.Destination?.Address)),
            second.Select(a => (a.Rule, a.Timestamp, a.Device.Mac, a.Destination?.Address)));
        Assert.Equal(first.Select(a => a.Explanation), second.Select(a => a.Explanation));
    }
}
