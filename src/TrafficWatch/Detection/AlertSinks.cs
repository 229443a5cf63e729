namespace TrafficWatch.Detection;

/// <summary>Hands each alert to several sinks in order (EVE, metrics, e-mail, the run's alert list).</summary>
public sealed class AlertSinks(params IAlertSink[] sinks) : IAlertSink
{
    public void OnAlert(Alert alert)
    {
        foreach (var sink in sinks)
        {
            sink.OnAlert(alert);
        }
    }
}
