namespace TrafficWatch.Tests.Metrics;

/// <summary>A one-shot timer of <see cref="ManualTimeProvider"/>.</summary>
internal sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    public DateTimeOffset? DueAt { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner.GetUtcNow() + dueTime;
        return true;
    }

    public void Fire()
    {
        DueAt = null; // one-shot is all the writer uses
        callback(state);
    }

    public void Dispose() => owner.Remove(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
