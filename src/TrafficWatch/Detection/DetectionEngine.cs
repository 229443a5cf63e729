namespace TrafficWatch.Detection;

/// <summary>
/// Runs every detector over the facts of the flow thread, in packet time, and hands what they raise to the alert
/// output (normally an <see cref="AlertGate"/>: dedup, cooldown, suppressions, then EVE/metrics/e-mail). Detection
/// never sees packets: it is called per flow event, DNS question and device. A detector that throws is isolated by
/// the <see cref="DetectorSet"/> (counted, reported through <paramref name="onError"/>) and the others keep running.
/// </summary>
public sealed class DetectionEngine(IReadOnlyList<IDetector> detectors, IAlertSink output, Action<string, Exception>? onError = null)
{
    private readonly DetectorSet _set = new(detectors, onError);
    private readonly CountingSink _counting = new(output);

    public IReadOnlyList<IDetector> Detectors => _set.Detectors;

    /// <summary>Alerts raised by the detectors (before dedup and suppression), per rule.</summary>
    public IReadOnlyDictionary<string, long> RaisedByRule => _counting.ByRule;

    public long Raised => _counting.Total;

    /// <summary>Times a detector threw (its event was skipped).</summary>
    public long FailuresOf(string rule) => _set.FailuresOf(rule);

    public void OnFlow(FlowFacts flow) => _set.OnFlow(flow, _counting);

    public void OnDnsQuery(DnsQueryFacts query) => _set.OnDnsQuery(query, _counting);

    public void OnDevice(DeviceFacts device) => _set.OnDevice(device, _counting);

    public void OnTime(PacketTime now) => _set.OnTime(now, _counting);

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
