namespace TrafficWatch.Tests.Support;

/// <summary>
/// Counts what an action allocates on this thread, robustly: the JIT may allocate while it compiles or on-stack-replaces
/// a hot loop the first times it runs, so the action runs several rounds and the smallest count is returned. Code that
/// allocates on every call still shows in every round.
/// </summary>
public static class Allocations
{
    public static long Measure(Action action, int rounds = 5)
    {
        ArgumentNullException.ThrowIfNull(action);
        var least = long.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
