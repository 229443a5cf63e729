namespace TrafficWatch.Detection;

/// <summary>
/// Runs every detector over the facts of the flow thread, in packet time, and hands what they raise to the alert
/// output (normally an <see cref="AlertGate"/>: dedup, cooldown, suppressions, then EVE/metrics/e-mail). Detection
/// never sees packets: it is called per flow event, DNS question and device.
/// </summary>
public sealed class DetectionEngine(IReadOnlyList<IDetector> detectors, IAlertSink output)
{
    private readonly CountingSink _counting = new(output);

    public IReadOnlyList<IDetector> Detectors => detectors;

    /// <summary>Alerts raised by the detectors (before dedup and suppression), per rule.</summary>
    public IReadOnlyDictionary<string, long> RaisedByRule => _counting.ByRule;

    public long Raised => _counting.Total;

    public void OnFlow(FlowFacts flow)
    {
        foreach (var detector in detectors)
        {
            detector.OnFlow(flow, _counting);
        }
    }

    public void OnDnsQuery(DnsQueryFacts query)
    {
        foreach (var detector in detectors)
        {
            detector.OnDnsQuery(query, _counting);
        }
    }

    public void OnDevice(DeviceFacts device)
    {
        foreach (var detector in detectors)
        {
            detector.OnDevice(device, _counting);
        }
    }

    public void OnTime(PacketTime now)
    {
        foreach (var detector in detectors)
        {
            detector.OnTime(now, _counting);
        }
    }

    private sealed class CountingSink(IAlertSink inner) : IAlertSink
    {
        public Dictionary<string, long> ByRule { get; } = new(StringComparer.Ordinal);

        public long Total { get; private set; }

        public void OnAlert(Alert alert)
        {
            Total++;
            ByRule[alert.Rule] = ByRule.GetValueOrDefault(alert.Rule) + 1;
            inner.OnAlert(alert);
        }
    }
}
