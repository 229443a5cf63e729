using TrafficWatch.Capture;

namespace TrafficWatch.Tests.Capture;

public sealed class TimeWindowTextTests
{
    private static readonly PacketTime s_eight = PacketTime.FromSeconds(1_748_851_200);   // 2025-06-02T08:00:00Z

    [Theory]
    [InlineData("1748851200", 0)]
    [InlineData(" 1748851200 ", 0)]
    [InlineData("1748851200.25", 250_000_000)]
    [InlineData("1748851200.000000001", 1)]
    [InlineData("2025-06-02T08:00:00Z", 0)]
    [InlineData("2025-06-02T08:00:00", 0)]
    [InlineData("2025-06-02T08:00Z", 0)]
    [InlineData("2025-06-02 08:00:00", 0)]
    [InlineData("2025-06-02T08:00:00.5Z", 500_000_000)]
    [InlineData("2025-06-02T09:00:00+01:00", 0)]
    [InlineData("2025-06-02T03:00:00-05:00", 0)]
    [InlineData("2025-06-02", -8L * 3600 * 1_000_000_000)]
    public void Accepted_forms_give_the_same_instant(string text, long nanosAfterEight)
    {
        Assert.True(TimeWindowText.TryParse(text, "--from", out var time, out var error), error);
        Assert.Equal(s_eight.Nanoseconds + nanosAfterEight, time.Nanoseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2025-13-02T08:00:00Z")]
    [InlineData("02/06/2025 08:00")]
    [InlineData("-5")]
    [InlineData("1748851200.")]
    [InlineData("1748851200.1234567891")]
    [InlineData("99999999999999")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("2025-06-02T08:00:00Z\u001b[31m")]
    public void Other_text_is_one_line_naming_the_option(string text)
    {
        Assert.False(TimeWindowText.TryParse(text, "--to", out _, out var error));
        Assert.StartsWith("--to '", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain('\u001b', error);
        Assert.Contains("ISO-8601", error, StringComparison.Ordinal);
    }

    [Fact]
    public void From_must_be_before_to()
    {
        Assert.False(TimeWindowText.TryParseWindow("2025-06-02T09:00:00Z", "2025-06-02T08:00:00Z", out _, out var error));
        Assert.Equal("--from 2025-06-02T09:00:00Z is not before --to 2025-06-02T08:00:00Z: the window [from, to) would be empty", error);
        Assert.False(TimeWindowText.TryParseWindow("1748851200", "1748851200", out _, out _));
    }

    [Fact]
    public void Either_bound_may_be_left_open()
    {
        Assert.True(TimeWindowText.TryParseWindow(null, null, out var none, out _));
        Assert.True(none.IsUnbounded);
        Assert.True(TimeWindowText.TryParseWindow("1748851200", null, out var from, out _));
        Assert.Equal(new TimeWindow(s_eight, null), from);
        Assert.Equal("[2025-06-02T08:00:00Z, ..)", from.ToString());
        Assert.True(from.Contains(s_eight));
        Assert.False(from.Contains(new PacketTime(s_eight.Nanoseconds - 1)));
    }
}
