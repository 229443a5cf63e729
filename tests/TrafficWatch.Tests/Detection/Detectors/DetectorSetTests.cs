using TrafficWatch.Detection;
using static TrafficWatch.Tests.Detection.Detectors.Facts;

namespace TrafficWatch.Tests.Detection.Detectors;

public sealed class DetectorSetTests
{
    [Fact]
    public void A_throwing_detector_is_counted_and_the_others_still_run()
    {
        var errors = new List<string>();
        var sink = new CollectingAlertSink();
        var set = new DetectorSet([new BrokenDetector(), new CleartextManagementDetector(new CleartextManagementOptions())],
            (rule, ex) => errors.Add($"{rule}: {ex.Message}"));
        set.OnFlow(Flow(FlowFactsKind.Update, 1, At(1), Camera(), External(port: 23), 100, 100), sink);
        set.OnDnsQuery(new DnsQueryFacts(Camera(), true, "www.example.com", 1, At(2)), sink);
        set.OnTime(At(3), sink);
        Assert.Equal(["broken: bug"], errors);
        Assert.Equal(1, set.FailuresOf("broken"));
        Assert.Equal("cleartext-management", Assert.Single(sink.Alerts).Rule);
    }
}
