using TrafficWatch.Detection;

namespace TrafficWatch.Tests.Detection.Detectors;

/// <summary>Test double: a detector with a bug, which throws on every flow.</summary>
internal sealed class BrokenDetector : IDetector
{
    public string Rule => "broken";

    public void OnFlow(FlowFacts flow, IAlertSink alerts) => throw new InvalidOperationException("bug");
}
