using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace TrafficWatch.Outputs.Email;

/// <summary>
/// Delivers the outbox in order on its own task, like Serilog's batching sink with a failure-aware scheduler:
/// connect (TLS, auth), send every entry oldest first, and only after the server's 250 journal and delete it
/// (<see cref="MailOutbox.MarkDelivered"/>). A failure of the connection, TLS, authentication or a 4xx reply keeps
/// the entry first in line and retries after a wall-clock backoff (doubling from
/// <see cref="EmailOptions.RetryBaseDelay"/> up to <see cref="EmailOptions.RetryMaxDelay"/>, times a jitter
/// factor in [0.5, 1]). A permanent refusal of one mail (5xx to a recipient or to the data) moves it to
/// <c>failed/</c> so it cannot block the rest. Reasons are logged with the password masked.
/// </summary>
internal sealed class SmtpMailSender : IAsyncDisposable
{
    private readonly EmailOptions _options;
    private readonly MailOutbox _outbox;
    private readonly EmailCounters _counters;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SmtpConnector _connector;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private int _disposed;

    public SmtpMailSender(EmailOptions options, MailOutbox outbox, EmailCounters counters, ILogger logger, TimeProvider time)
    {
        _options = options;
        _outbox = outbox;
        _counters = counters;
        _logger = logger;
        _time = time;
        _connector = new SmtpConnector(options);
    }

    /// <summary>Consecutive failed attempts since the last success (0 when the server is reachable).</summary>
    public int ConsecutiveFailures { get; private set; }

    public void Start() => _loop ??= Task.Run(RunAsync);

    /// <summary>Wakes the sender: a new entry is in the outbox.</summary>
    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Waits until the outbox is empty; false when <paramref name="timeout"/> passed first (entries stay for the next start).</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        Notify();
        while (_outbox.Count > 0)
        {
            if (_time.GetTimestamp() >= deadline || cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _stopping.Dispose();
        _signal.Dispose();
    }

    private async Task RunAsync()
    {
        var ct = _stopping.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!_outbox.TryPeekOldest(out _))
                {
                    await _signal.WaitAsync(ct).ConfigureAwait(false);
                    continue;
                }
                await DeliverAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                ConsecutiveFailures++;
                _counters.AddFailedAttempt();
                var delay = Backoff(ConsecutiveFailures);
                EmailLog.DeliveryRetrying(_logger, ConsecutiveFailures, _outbox.Count, _connector.Reason(ex), (long)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, _time, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>One SMTP session: sends entries until the outbox is empty or one is refused for good.</summary>
    private async Task DeliverAsync(CancellationToken ct)
    {
        using var client = await _connector.ConnectAsync(ct).ConfigureAwait(false);
        while (_outbox.TryPeekOldest(out var entry))
        {
            MimeMessage message;
            try
            {
                message = MailOutbox.Load(entry);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                Refuse(entry, "unreadable outbox entry: " + ex.Message);
                continue;
            }
            string reply;
            try
            {
                reply = await client.SendAsync(message, ct).ConfigureAwait(false);
            }
            catch (SmtpCommandException ex) when (IsPermanent(ex))
            {
                Refuse(entry, _connector.Reason(ex));
                break; // a new session for the next entry: the transaction state after a refusal is the server's
            }
            _counters.AddSent(); // before the entry leaves the outbox, so a drained outbox shows every send counted
            _outbox.MarkDelivered(entry, message.MessageId ?? string.Empty);
            EmailLog.MailAccepted(_logger, entry.Name, MailText.Line(reply, 200));
            if (ConsecutiveFailures > 0)
            {
                EmailLog.DeliveryRecovered(_logger, ConsecutiveFailures);
                ConsecutiveFailures = 0;
            }
        }
        await client.DisconnectAsync(quit: true, ct).ConfigureAwait(false);
    }

    private void Refuse(OutboxEntry entry, string reason)
    {
        _counters.AddRefused();
        EmailLog.MailRefused(_logger, entry.Name, reason, Path.Combine(_outbox.Directory, MailOutbox.FailedFolder));
        _outbox.MoveToFailed(entry);
    }

    private static bool IsPermanent(SmtpCommandException ex)
        => (int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;

    private TimeSpan Backoff(int failures)
    {
        var exponent = Math.Min(failures - 1, 30);
        var ceiling = Math.Min(_options.RetryMaxDelay.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + 0.5 * Random.Shared.NextDouble()));
    }
}
