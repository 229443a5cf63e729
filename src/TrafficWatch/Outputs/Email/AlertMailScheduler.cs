using TrafficWatch.Detection;

namespace TrafficWatch.Outputs.Email;

/// <summary>
/// Decides which mails to send, in packet time only (so a replay mails exactly what live capture did):
/// routes each alert, mails alerts at or above <see cref="EmailOptions.ImmediateSeverity"/> at once, collects the
/// rest per route into digest windows aligned to multiples of <see cref="EmailOptions.DigestWindow"/> (grouped by
/// device and rule), and applies the per-route cap of <see cref="EmailOptions.MaxMailsPerHour"/> over a sliding
/// hour. A capped mail's alerts are counted; the count rides on the route's next mail, or on a notice of its own
/// when the cap frees up (<see cref="AdvanceTo"/>) or the run ends (<see cref="Complete"/>, not capped).
/// Single-threaded: call from the flow thread.
/// </summary>
public sealed class AlertMailScheduler
{
    private static readonly long s_hourNanos = 3_600 * PacketTime.NanosPerSecond;

    private readonly EmailOptions _options;
    private readonly Action<MailPlan> _emit;
    private readonly RouteState[] _routes;
    private readonly int _explicitRoutes;
    private readonly long _windowNanos;
    private PacketTime _now;

    public AlertMailScheduler(EmailOptions options, Action<MailPlan> emit)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(emit);
        _options = options;
        _emit = emit;
        var routes = options.AllRoutes;
        _routes = new RouteState[routes.Count];
        for (var i = 0; i < routes.Count; i++)
        {
            _routes[i] = new RouteState(i, routes[i]);
        }
        _explicitRoutes = options.Routes.Count;
        _windowNanos = Math.Max(PacketTime.NanosPerSecond, options.DigestWindow.Ticks * 100);
    }

    /// <summary>Alerts the hourly caps held back, over the run.</summary>
    public long SuppressedAlerts { get; private set; }

    /// <summary>Alerts no route wanted (no match and no default route, or below the default route's severity).</summary>
    public long UnroutedAlerts { get; private set; }

    public void Add(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        FlushDue(alert.Timestamp);
        var taken = false;
        for (var i = 0; i < _routes.Length; i++)
        {
            var route = _routes[i];
            if (i >= _explicitRoutes && taken)
            {
                break; // the default route only gets what no explicit route took
            }
            if (!route.Route.Matches(alert))
            {
                continue;
            }
            taken = true;
            if ((byte)alert.Severity <= (byte)_options.ImmediateSeverity)
            {
                TryEmit(route, AlertMailKind.Immediate, alert.Timestamp, alert.Timestamp, [new AlertGroup(alert)]);
            }
            else
            {
                AddToDigest(route, alert);
            }
        }
        if (!taken)
        {
            UnroutedAlerts++;
        }
    }

    /// <summary>Moves packet time on without an alert (call at each metrics interval): closes digest windows that
    /// ended and sends suppression notices for routes whose cap has room again.</summary>
    public void AdvanceTo(PacketTime now)
    {
        FlushDue(now);
        foreach (var route in _routes)
        {
            if (route.Suppressed > 0 && route.Pending.Count == 0 && CapAllows(route, _now))
            {
                TryEmit(route, AlertMailKind.SuppressionNotice, _now, _now, []);
            }
        }
    }

    /// <summary>End of run: sends every open digest (capped as usual), then one uncapped notice per route that
    /// still has suppressed alerts to report.</summary>
    public void Complete(PacketTime end)
    {
        if (end > _now)
        {
            _now = end;
        }
        foreach (var route in _routes)
        {
            if (route.Pending.Count > 0)
            {
                var last = route.PendingOrder.Max(static g => g.LastTimestamp);
                FlushDigest(route, last);
            }
        }
        foreach (var route in _routes)
        {
            if (route.Suppressed > 0)
            {
                Emit(route, AlertMailKind.SuppressionNotice, _now, _now, []);
            }
        }
    }

    private void AddToDigest(RouteState route, Alert alert)
    {
        if (route.Pending.Count == 0)
        {
            var start = Math.DivRem(alert.Timestamp.Nanoseconds, _windowNanos, out var rem) * _windowNanos;
            if (rem < 0)
            {
                start -= _windowNanos;
            }
            route.WindowStart = new PacketTime(start);
            route.WindowEnd = new PacketTime(start + _windowNanos);
        }
        var key = (alert.Device.Mac, alert.Rule);
        if (route.Pending.TryGetValue(key, out var group))
        {
            group.Add(alert);
        }
        else
        {
            group = new AlertGroup(alert);
            route.Pending.Add(key, group);
            route.PendingOrder.Add(group);
        }
    }

    private void FlushDue(PacketTime now)
    {
        if (now > _now)
        {
            _now = now;
        }
        foreach (var route in _routes)
        {
            if (route.Pending.Count > 0 && _now >= route.WindowEnd)
            {
                FlushDigest(route, route.WindowEnd);
            }
        }
    }

    private void FlushDigest(RouteState route, PacketTime at)
    {
        var groups = route.PendingOrder.ToArray();
        route.ClearPending();
        TryEmit(route, AlertMailKind.Digest, at, route.WindowStart, groups);
    }

    private void TryEmit(RouteState route, AlertMailKind kind, PacketTime at, PacketTime windowStart, AlertGroup[] groups)
    {
        if (!CapAllows(route, at))
        {
            var count = groups.Sum(static g => (long)g.Count);
            if (count > 0 && route.Suppressed == 0)
            {
                route.SuppressedSince = groups.Min(static g => g.FirstTimestamp);
            }
            route.Suppressed += count;
            SuppressedAlerts += count;
            return;
        }
        Emit(route, kind, at, windowStart, groups);
    }

    private void Emit(RouteState route, AlertMailKind kind, PacketTime at, PacketTime windowStart, AlertGroup[] groups)
    {
        var plan = new MailPlan
        {
            Kind = kind,
            RouteIndex = route.Index,
            Route = route.Route,
            At = at,
            WindowStart = windowStart,
            Groups = groups,
            SuppressedBefore = route.Suppressed,
            SuppressedSince = route.SuppressedSince,
        };
        route.Suppressed = 0;
        route.Sent.Enqueue(at);
        _emit(plan);
    }

    private bool CapAllows(RouteState route, PacketTime at)
    {
        if (_options.MaxMailsPerHour == 0)
        {
            return true;
        }
        while (route.Sent.Count > 0 && route.Sent.Peek().Nanoseconds <= at.Nanoseconds - s_hourNanos)
        {
            route.Sent.Dequeue();
        }
        return route.Sent.Count < _options.MaxMailsPerHour;
    }
}
