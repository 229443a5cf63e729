namespace TrafficWatch.Outputs.Metrics;

/// <summary>Outcome of one write request. <see cref="Error"/> is already masked.</summary>
internal readonly record struct InfluxSendResult(InfluxSendStatus Status, int HttpStatus, TimeSpan? RetryAfter, string Error, int DroppedPoints)
{
    public static InfluxSendResult Ok { get; } = new(InfluxSendStatus.Success, 204, null, string.Empty, 0);

    public static InfluxSendResult Transient(string error, int httpStatus = 0, TimeSpan? retryAfter = null) =>
        new(InfluxSendStatus.Retry, httpStatus, retryAfter, error, 0);

    /// <summary>Maps an HTTP status to success / retry / reject (the same rule for v1 and v2).</summary>
    public static InfluxSendResult FromStatus(int status, TimeSpan? retryAfter, string error, int points)
    {
        if (status is >= 200 and < 300)
        {
            return Ok;
        }
        // 429/503 and 5xx: server busy or broken. 401/403/404/408: credentials, permissions or database not
        // (yet) right, or a timeout: an operator can fix these, so the data is kept (spooled), not dropped.
        if (status is 429 or 408 or 401 or 403 or 404 || status >= 500 || status < 400)
        {
            return new InfluxSendResult(InfluxSendStatus.Retry, status, retryAfter, error, 0);
        }
        return new InfluxSendResult(InfluxSendStatus.Rejected, status, null, error, ParseDropped(error, points));
    }

    /// <summary>InfluxDB reports partial writes as "... dropped=N"; without it the whole batch counts as dropped.</summary>
    internal static int ParseDropped(string error, int points)
    {
        var at = error.LastIndexOf("dropped=", StringComparison.Ordinal);
        if (at < 0)
        {
            return points;
        }
        var digits = error.AsSpan(at + "dropped=".Length);
        var end = 0;
        while (end < digits.Length && char.IsAsciiDigit(digits[end]))
        {
            end++;
        }
        return int.TryParse(digits[..end], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var dropped)
            ? Math.Min(dropped, points)
            : points;
    }
}
