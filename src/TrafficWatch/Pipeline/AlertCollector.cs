using TrafficWatch.Detection;

namespace TrafficWatch.Pipeline;

/// <summary>Keeps the run's alerts (bounded) for the terminal summary and reports.</summary>
public sealed class AlertCollector(int capacity) : IAlertSink
{
    private readonly List<Alert> _alerts = [];

    public IReadOnlyList<Alert> Alerts => _alerts;

    /// <summary>Alerts not kept because the capacity was reached.</summary>
    public long Overflow { get; private set; }

    public void OnAlert(Alert alert)
    {
        if (_alerts.Count < capacity)
        {
            _alerts.Add(alert);
        }
        else
        {
            Overflow++;
        }
    }
}
