namespace TrafficWatch.Outputs.Email;

/// <summary>What alert e-mail did, for the <c>sensor</c> metrics and the run summary. Thread-safe reads.</summary>
public sealed class EmailCounters
{
    private long _composed;
    private long _sent;
    private long _failedAttempts;
    private long _refused;
    private long _enqueueFailures;
    private long _suppressedAlerts;
    private Func<int> _queued = static () => 0;

    /// <summary>Mails written to the outbox.</summary>
    public long Composed => Interlocked.Read(ref _composed);

    /// <summary>Mails the server accepted (250).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Delivery attempts that failed (connection, TLS, authentication, 4xx); each is retried.</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Mails the server refused for good (5xx), moved to the outbox's <c>failed/</c> folder.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Mails that could not be written to the outbox (disk full, permissions): lost.</summary>
    public long EnqueueFailures => Interlocked.Read(ref _enqueueFailures);

    /// <summary>Alerts held back by the hourly caps (reported in the next mail of their route).</summary>
    public long SuppressedAlerts => Interlocked.Read(ref _suppressedAlerts);

    /// <summary>Mails in the outbox now, waiting for the server.</summary>
    public int Queued => _queued();

    internal void BindQueue(Func<int> queued) => _queued = queued;

    internal void AddComposed() => Interlocked.Increment(ref _composed);

    internal void AddSent() => Interlocked.Increment(ref _sent);

    internal void AddFailedAttempt() => Interlocked.Increment(ref _failedAttempts);

    internal void AddRefused() => Interlocked.Increment(ref _refused);

    internal void AddEnqueueFailure() => Interlocked.Increment(ref _enqueueFailures);

    internal void SetSuppressed(long value) => Interlocked.Exchange(ref _suppressedAlerts, value);
}
