namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>Waits (wall clock) for something the background sender does; fails the test after a bound.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {seconds} s: {what}");
            await Task.Delay(20);
        }
    }
}
