namespace TrafficWatch.Detection;

/// <summary>
/// Sits between the detectors and the outputs: drops alerts the council has accepted (an optional suppression
/// predicate, e.g. built from the suppressions file), and lets the same (rule, device, destination) through at
/// most once per cooldown of packet time, counting the repeats it holds back. The destination is its name when
/// known (so a CDN's rotating addresses stay one finding), else its address; device-only alerts key on the device.
/// Suppressed alerts do not start a cooldown. Thread-safe (one lock); the inner sink is called under it, so alerts
/// reach it one at a time and in arrival order.
/// </summary>
public sealed class AlertGate : IAlertSink
{
    private readonly IAlertSink _inner;
    private readonly AlertGateOptions _options;
    private readonly Func<Alert, bool>? _suppress;
    private readonly BoundedStateTable<AlertGateKey, AlertGateEntry> _seen;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _duplicatesByRule = new(StringComparer.Ordinal);

    /// <param name="inner">Where alerts that pass go.</param>
    /// <param name="options">Cooldowns and bounds.</param>
    /// <param name="suppress">Returns true for an alert that must not be reported (accepted finding); null for none.</param>
    public AlertGate(IAlertSink inner, AlertGateOptions options, Func<Alert, bool>? suppress = null)
    {
        options.Validate();
        _inner = inner;
        _options = options;
        _suppress = suppress;
        _seen = new(options.MaxKeys);
    }

    /// <summary>Alerts passed to the inner sink.</summary>
    public long Forwarded { get; private set; }

    /// <summary>Repeats held back by the cooldown.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Alerts dropped by the suppression predicate.</summary>
    public long Suppressed { get; private set; }

    /// <summary>Keys currently remembered (at most <see cref="AlertGateOptions.MaxKeys"/>).</summary>
    public int TrackedKeys
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Repeats held back for one rule.</summary>
    public long DuplicatesOf(string rule)
    {
        lock (_lock)
        {
            return _duplicatesByRule.GetValueOrDefault(rule);
        }
    }

    public void OnAlert(Alert alert)
    {
        lock (_lock)
        {
            if (_suppress?.Invoke(alert) == true)
            {
                Suppressed++;
                return;
            }
            var cooldownSeconds = _options.RuleCooldownSeconds.TryGetValue(alert.Rule, out var perRule) ? perRule : _options.CooldownSeconds;
            if (cooldownSeconds > 0)
            {
                var now = alert.Timestamp.Nanoseconds;
                var entry = _seen.GetOrAdd(AlertGateKey.Of(alert), now, static _ => new AlertGateEntry(), 0, out var added);
                // Alerts from parallel shards may arrive slightly out of order: distance, not direction, decides.
                if (!added && Math.Abs(now - entry.LastForwarded) < cooldownSeconds * PacketTime.NanosPerSecond)
                {
                    entry.Repeats++;
                    Duplicates++;
                    _duplicatesByRule[alert.Rule] = _duplicatesByRule.GetValueOrDefault(alert.Rule) + 1;
                    return;
                }
                entry.LastForwarded = now;
                entry.Repeats = 0;
            }
            Forwarded++;
            _inner.OnAlert(alert);
        }
    }
}
