using TrafficWatch.Detection;

namespace TrafficWatch.Tests.Detection.Detectors;

/// <summary>Test double: keeps every alert it is given, in order.</summary>
public sealed class CollectingAlertSink : IAlertSink
{
    public List<Alert> Alerts { get; } = [];

    public void OnAlert(Alert alert) => Alerts.Add(alert);
}
