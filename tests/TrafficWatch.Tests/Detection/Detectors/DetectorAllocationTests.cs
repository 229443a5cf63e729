using TrafficWatch.Detection;
using TrafficWatch.Flows;
using static TrafficWatch.Tests.Detection.Detectors.Facts;

namespace TrafficWatch.Tests.Detection.Detectors;

/// <summary>Detectors run per flow event: once a device's state exists, the common paths must not allocate.</summary>
public sealed class DetectorAllocationTests
{
    private static long Allocated(Action action)
    {
        action();                                               // warm up: state
        return TrafficWatch.Tests.Support.Allocations.Measure(action);
    }

    [Fact]
    public void Steady_state_flow_events_allocate_nothing()
    {
        var sink = new CollectingAlertSink();
        var detectors = BehaviouralDetectors.Create(new BehaviouralDetectorOptions(), registerConfigured: true);
        var named = new FlowApp { Sni = "p2p.hik-connect.com" };
        var camera = Camera();
        var destination = External();
        var facts = new List<FlowFacts>();
        for (var i = 0; i < 1_000; i++)
        {
            // a quiet camera: small uploads to its (named) cloud, and internal RTSP streams to the NVR
            facts.Add(Flow(FlowFactsKind.Update, 1, At(i), camera, destination, 100, 100, app: named, start: At(0)));
            facts.Add(Flow(FlowFactsKind.Update, 2, At(i), camera, InternalHost(), 1_000_000, 100, external: false, start: At(0)));
        }
        var bytes = Allocated(() =>
        {
            foreach (var f in facts)
            {
                foreach (var d in detectors)
                {
                    d.OnFlow(f, sink);
                }
            }
        });
        Assert.Empty(sink.Alerts);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Beacon_scoring_allocates_nothing()
    {
        var sink = new CollectingAlertSink();
        var detector = new BeaconingDetector(new BeaconingOptions { MinSpanSeconds = 0, ScoreThreshold = 1 });
        var starts = Enumerable.Range(0, 2_000)
            .Select(i => Flow(FlowFactsKind.Start, i, At(i * 37 % 1_000 + i), Camera(), External(), 74)).ToArray();
        var bytes = Allocated(() =>
        {
            foreach (var f in starts)
            {
                detector.OnFlow(f, sink);
            }
        });
        Assert.Equal(0, bytes);
    }
}
