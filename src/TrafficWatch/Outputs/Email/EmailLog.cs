using Microsoft.Extensions.Logging;

namespace TrafficWatch.Outputs.Email;

/// <summary>Log events of alert e-mail, ids 5201-5299. Messages never carry the password: reasons from the server or
/// from exceptions go through <see cref="Metrics.SecretMasker"/> first, and exceptions are never logged whole.
/// Text from alerts never reaches the log (only counts, routes and file names).</summary>
internal static partial class EmailLog
{
    [LoggerMessage(5201, LogLevel.Information, "Alert e-mail on: {Server} ({Security}), outbox {Outbox}, {Routes} route(s)")]
    public static partial void Started(ILogger logger, string server, EmailSecurity security, string outbox, int routes);

    [LoggerMessage(5202, LogLevel.Information, "Outbox {Outbox}: {Pending} mail(s) from an earlier run to send, {Delivered} already delivered (removed)")]
    public static partial void OutboxRecovered(ILogger logger, string outbox, int pending, int delivered);

    [LoggerMessage(5203, LogLevel.Warning, "SMTP delivery failed (attempt {Attempt}, {Queued} mail(s) queued): {Reason}; retrying in {DelayMs} ms")]
    public static partial void DeliveryRetrying(ILogger logger, int attempt, int queued, string reason, long delayMs);

    [LoggerMessage(5204, LogLevel.Information, "SMTP server reachable again after {Attempts} failed attempt(s)")]
    public static partial void DeliveryRecovered(ILogger logger, int attempts);

    [LoggerMessage(5205, LogLevel.Error, "SMTP server refused mail {Entry} for good ({Reason}); kept in {Folder}")]
    public static partial void MailRefused(ILogger logger, string entry, string reason, string folder);

    [LoggerMessage(5206, LogLevel.Error, "E-mail outbox I/O failed on {Path}: {Reason}")]
    public static partial void OutboxIoFailed(ILogger logger, string path, string reason);

    [LoggerMessage(5207, LogLevel.Error, "Alert mail could not be queued ({Kind}, route {Route}): {Reason}")]
    public static partial void EnqueueFailed(ILogger logger, AlertMailKind kind, string route, string reason);

    [LoggerMessage(5208, LogLevel.Warning, "E-mail stopped with {Queued} mail(s) still in the outbox {Outbox}; they are sent on the next start")]
    public static partial void StoppedWithBacklog(ILogger logger, int queued, string outbox);

    [LoggerMessage(5209, LogLevel.Debug, "Mail {Entry} accepted: {Reply}")]
    public static partial void MailAccepted(ILogger logger, string entry, string reply);

    [LoggerMessage(5210, LogLevel.Error, "Alert e-mail scheduling failed: {Reason}")]
    public static partial void SchedulingFailed(ILogger logger, string reason);
}
