namespace TrafficWatch.Outputs.Metrics;

internal enum InfluxSendStatus : byte
{
    /// <summary>The server stored the batch.</summary>
    Success,
    /// <summary>Worth trying again later (network, 5xx, 429, auth/database not ready): keep the data.</summary>
    Retry,
    /// <summary>Bad data (4xx other than 429): retrying will not help; log, count, drop.</summary>
    Rejected,
}
