using Microsoft.Extensions.Logging;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>Log events of the metrics writers, ids 5100-5199. Messages never carry secrets: anything that came
/// from the server or an exception goes through <see cref="SecretMasker"/> first, and exceptions are never
/// passed to the logger whole.</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(5101, LogLevel.Information, "InfluxDB writer started: {Url}, protocol {Protocol}, spool {SpoolDirectory}")]
    public static partial void WriterStarted(ILogger logger, string url, string protocol, string spoolDirectory);

    [LoggerMessage(5102, LogLevel.Information, "InfluxDB at {Url} reports version {Version}; using protocol {Protocol}")]
    public static partial void ProtocolDetected(ILogger logger, string url, string version, InfluxProtocol protocol);

    [LoggerMessage(5103, LogLevel.Warning, "InfluxDB protocol detection failed: {Reason}")]
    public static partial void ProtocolDetectionFailed(ILogger logger, string reason);

    [LoggerMessage(5104, LogLevel.Warning, "InfluxDB write of {Points} points failed (attempt {Attempt}): {Reason}; retrying in {DelayMs} ms")]
    public static partial void WriteRetrying(ILogger logger, int points, int attempt, string reason, long delayMs);

    [LoggerMessage(5105, LogLevel.Warning, "InfluxDB unreachable ({Reason}); {Points} points spooled ({SpoolBytes} bytes in spool)")]
    public static partial void BatchSpooled(ILogger logger, string reason, int points, long spoolBytes);

    [LoggerMessage(5106, LogLevel.Error, "InfluxDB rejected a batch of {Points} points (HTTP {Status}), {Dropped} dropped: {Reason}")]
    public static partial void BatchRejected(ILogger logger, int points, int status, int dropped, string reason);

    [LoggerMessage(5107, LogLevel.Information, "InfluxDB reachable again; spool drained ({Files} batches sent)")]
    public static partial void SpoolDrained(ILogger logger, int files);

    [LoggerMessage(5108, LogLevel.Warning, "Metric spool full: dropped oldest batch {File} ({Points} points, {Bytes} bytes)")]
    public static partial void SpoolOverflow(ILogger logger, string file, int points, long bytes);

    [LoggerMessage(5109, LogLevel.Error, "Metric spool I/O failed on {Path}: {Reason}")]
    public static partial void SpoolIoFailed(ILogger logger, string path, string reason);

    [LoggerMessage(5110, LogLevel.Information, "Metric spool holds {Files} batches ({Bytes} bytes) from an earlier run; sending them first")]
    public static partial void SpoolRecovered(ILogger logger, int files, long bytes);

    [LoggerMessage(5111, LogLevel.Warning, "Metric queue full: {Points} points went straight to the spool")]
    public static partial void QueueOverflow(ILogger logger, int points);

    [LoggerMessage(5112, LogLevel.Error, "Metric points dropped: {Points} ({Reason})")]
    public static partial void PointsDropped(ILogger logger, long points, string reason);

    [LoggerMessage(5113, LogLevel.Error, "Line-protocol file write to {Path} failed: {Reason}")]
    public static partial void FileWriteFailed(ILogger logger, string path, string reason);

    [LoggerMessage(5114, LogLevel.Error, "InfluxDB writer loop failed: {Reason}")]
    public static partial void LoopFailed(ILogger logger, string reason);
}
