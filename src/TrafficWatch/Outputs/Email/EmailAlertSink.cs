using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrafficWatch.Detection;

namespace TrafficWatch.Outputs.Email;

/// <summary>
/// Alert e-mail as an <see cref="IAlertSink"/>. On the flow thread, in packet time: <see cref="AlertMailScheduler"/>
/// routes, digests and caps; <see cref="AlertMailComposer"/> builds each mail; <see cref="MailOutbox"/> stores it
/// durably. On its own task, <see cref="SmtpMailSender"/> delivers the outbox with retries. Nothing here throws
/// into the pipeline: a failure is logged and counted in <see cref="Counters"/>.
/// <para>Lifecycle: construct (recovers the outbox and starts sending leftovers), <see cref="OnAlert"/> per alert,
/// <see cref="AdvanceTo"/> at each metrics interval, <see cref="Complete"/> at the end of the run (flushes open
/// digests), <see cref="DrainAsync"/> to give the server a chance, then <see cref="DisposeAsync"/>.</para>
/// </summary>
public sealed class EmailAlertSink : IAlertSink, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly AlertMailScheduler _scheduler;
    private readonly AlertMailComposer _composer;
    private readonly MailOutbox _outbox;
    private readonly SmtpMailSender _sender;
    private int _disposed;

    /// <summary>Validates <paramref name="options"/> (throws <see cref="ArgumentException"/> listing the problems),
    /// opens the outbox (throws <see cref="IOException"/> when it cannot be used or another process holds it) and
    /// starts the sender, which begins with what an earlier run left.</summary>
    public EmailAlertSink(EmailOptions options, ILogger<EmailAlertSink>? logger = null)
        : this(options, logger, TimeProvider.System)
    {
    }

    internal EmailAlertSink(EmailOptions options, ILogger? logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }
        _logger = logger ?? NullLogger.Instance;
        _composer = new AlertMailComposer(options);
        _scheduler = new AlertMailScheduler(options, Enqueue);
        _outbox = new MailOutbox(options.OutboxDirectory, _logger);
        Counters.BindQueue(() => _outbox.Count);
        _sender = new SmtpMailSender(options, _outbox, Counters, _logger, time);
        EmailLog.Started(_logger, $"{options.Host}:{options.EffectivePort}", options.Security, _outbox.Directory, options.AllRoutes.Count);
        _deliver = options.Deliver;
        if (_deliver)
        {
            _sender.Start();
            _sender.Notify();
        }
    }

    private readonly bool _deliver;

    public EmailCounters Counters { get; } = new();

    /// <summary>Alerts no route took (no route matched and no default route, or below its severity).</summary>
    public long UnroutedAlerts => _scheduler.UnroutedAlerts;

    /// <summary>Called on the flow thread. Never throws.</summary>
    public void OnAlert(Alert alert)
    {
        try
        {
            _scheduler.Add(alert);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            EmailLog.SchedulingFailed(_logger, ex.Message);
        }
        Counters.SetSuppressed(_scheduler.SuppressedAlerts);
    }

    /// <summary>Moves packet time on (call at each metrics interval end): closes digest windows that ended.</summary>
    public void AdvanceTo(PacketTime now)
    {
        try
        {
            _scheduler.AdvanceTo(now);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            EmailLog.SchedulingFailed(_logger, ex.Message);
        }
        Counters.SetSuppressed(_scheduler.SuppressedAlerts);
    }

    /// <summary>End of the run at packet time <paramref name="end"/>: sends open digests and suppression counts.</summary>
    public void Complete(PacketTime end)
    {
        try
        {
            _scheduler.Complete(end);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            EmailLog.SchedulingFailed(_logger, ex.Message);
        }
        Counters.SetSuppressed(_scheduler.SuppressedAlerts);
    }

    /// <summary>Waits (wall clock) until the outbox is empty; false on timeout, the rest is sent on the next start.</summary>
    public Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
        => _deliver ? _sender.DrainAsync(timeout, cancellationToken) : Task.FromResult(true);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _sender.DisposeAsync().ConfigureAwait(false);
        if (_deliver && _outbox.Count > 0)
        {
            EmailLog.StoppedWithBacklog(_logger, _outbox.Count, _outbox.Directory);
        }
        _outbox.Dispose();
    }

    private void Enqueue(MailPlan plan)
    {
        try
        {
            var message = _composer.Compose(plan);
            _outbox.Enqueue(message);
            Counters.AddComposed();
            _sender.Notify();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            Counters.AddEnqueueFailure();
            EmailLog.EnqueueFailed(_logger, plan.Kind, MailText.Line(plan.Route.Name, 64), ex.Message);
        }
    }
}
