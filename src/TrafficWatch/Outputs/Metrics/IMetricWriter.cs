namespace TrafficWatch.Outputs.Metrics;

/// <summary>
/// Sends metric points somewhere (InfluxDB, a line-protocol file). <see cref="Enqueue"/> never waits for the
/// network; delivery happens in the background, and <see cref="FlushAsync"/> waits for what was queued so far.
/// </summary>
public interface IMetricWriter : IAsyncDisposable
{
    /// <summary>Queues points without blocking on I/O to the server. Returns false when some points could not be
    /// accepted (writer disposed, or dropped); those are counted in <see cref="DroppedPoints"/>.</summary>
    bool Enqueue(IReadOnlyList<MetricPoint> points);

    /// <summary>Writes out everything queued before the call (sent, or safely spooled when the server is down)
    /// and makes one attempt at sending spooled batches.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Write failures: rejected batches, I/O errors, failed attempts that ended in the spool.</summary>
    long WriteErrors { get; }

    /// <summary>Bytes currently held in the on-disk spool (0 for writers without one).</summary>
    long SpoolBytes { get; }

    /// <summary>Points lost for good: invalid points, batches the server rejected, spool overflow.</summary>
    long DroppedPoints { get; }
}
