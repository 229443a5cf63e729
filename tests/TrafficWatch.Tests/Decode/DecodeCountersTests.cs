using TrafficWatch.Decode;

namespace TrafficWatch.Tests.Decode;

public class DecodeCountersTests
{
    [Fact]
    public void Increment_and_get_count_per_event()
    {
        var counters = new DecodeCounters();

        counters.Increment(DecodeEvent.TcpTooSmall);
        counters.Increment(DecodeEvent.TcpTooSmall);
        counters.Increment(DecodeEvent.Arp);

        Assert.Equal(2, counters.Get(DecodeEvent.TcpTooSmall));
        Assert.Equal(1, counters.Get(DecodeEvent.Arp));
        Assert.Equal(0, counters.Get(DecodeEvent.None));
        Assert.Equal(2, counters.TotalAnomalies);
    }

    [Fact]
    public void Non_zero_enumeration_lists_only_counted_events_in_numeric_order()
    {
        var counters = new DecodeCounters();
        counters.Increment(DecodeEvent.VxlanTooSmall);
        counters.Increment(DecodeEvent.NotIp);
        counters.Increment(DecodeEvent.NotIp);

        var seen = new List<KeyValuePair<DecodeEvent, long>>();
        foreach (var entry in counters.NonZero)
        {
            seen.Add(entry);
        }

        Assert.Equal([new(DecodeEvent.NotIp, 2), new(DecodeEvent.VxlanTooSmall, 1)], seen);
    }

    [Fact]
    public void Non_zero_enumeration_does_not_allocate()
    {
        var counters = new DecodeCounters();
        counters.Increment(DecodeEvent.Ipv4Truncated);
        long sum = 0;
        foreach (var entry in counters.NonZero)
        {
            sum += entry.Value;                                     // warm up
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var entry in counters.NonZero)
        {
            sum += entry.Value;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(2, sum);
    }

    [Fact]
    public void Merge_adds_per_thread_counts()
    {
        var a = new DecodeCounters();
        var b = new DecodeCounters();
        a.Increment(DecodeEvent.GreTooSmall);
        b.Increment(DecodeEvent.GreTooSmall);
        b.Increment(DecodeEvent.UnsupportedLinkType);

        a.Merge(b);

        Assert.Equal(2, a.Get(DecodeEvent.GreTooSmall));
        Assert.Equal(1, a.Get(DecodeEvent.UnsupportedLinkType));
        Assert.Equal(1, b.Get(DecodeEvent.GreTooSmall));
    }

    [Fact]
    public void Every_event_has_a_distinct_snake_case_description()
    {
        var names = new HashSet<string>();
        foreach (var value in Enum.GetValues<DecodeEvent>())
        {
            if (value == DecodeEvent.FirstAnomaly)
            {
                continue;                                           // alias of EthernetTooSmall
            }
            var name = DecodeEventInfo.Describe(value);
            Assert.NotEqual("decoder.unknown", name);
            Assert.StartsWith("decoder.", name, StringComparison.Ordinal);
            Assert.Equal(name.ToLowerInvariant(), name);
            Assert.True(names.Add(name), $"duplicate description {name}");
        }
        Assert.Equal("decoder.ipv4.trunc_pkt", DecodeEventInfo.Describe(DecodeEvent.Ipv4Truncated));
    }
}
