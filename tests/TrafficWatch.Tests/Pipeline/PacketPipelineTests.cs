using TrafficWatch.Flows;
using TrafficWatch.Pipeline;
using TrafficWatch.Tests.Support;
using static TrafficWatch.Tests.Decode.TestFrames;

namespace TrafficWatch.Tests.Pipeline;

public sealed class PacketPipelineTests
{
    private static readonly PacketTime s_start = PacketTime.FromSeconds(1_748_851_200);

    /// <summary>Many UDP and TCP flows, interleaved, with some ARP and a few malformed frames.</summary>
    private static List<(PacketTime, byte[]?)> Traffic(int packets, int flows)
    {
        var random = new Random(42);
        var list = new List<(PacketTime, byte[]?)>(packets);
        for (var i = 0; i < packets; i++)
        {
            var time = s_start.AddSeconds(i * 0.001);
            var f = random.Next(flows);
            byte[] frame = (i % 97) switch
            {
                0 => Ethernet(0x0806, new byte[28]),
                1 => new byte[10],                                           // EthernetTooSmall
                _ => f % 2 == 0
                    ? Ethernet(0x0800, Ipv4(17, $"10.20.0.{f % 250 + 1}", "10.20.0.10", Udp((ushort)(40000 + f), 5683, new byte[random.Next(0, 64)])))
                    : Ethernet(0x0800, Ipv4(6, $"10.10.0.{f % 250 + 1}", "47.88.1.2", Tcp((ushort)(50000 + f), 443, 0x18, new byte[random.Next(0, 512)]))),
            };
            list.Add((time, frame));
        }
        return list;
    }

    private static (List<FlowRecord> Records, PipelineStatistics Stats) Run(List<(PacketTime, byte[]?)> traffic, PipelineOptions options, FlowTableOptions? flowOptions = null)
    {
        var sink = new CollectingFlowSink();
        using var source = new InMemoryPacketSource(traffic);
        var stats = new PacketPipeline(source, new FlowTable(flowOptions ?? new FlowTableOptions(), sink), options).Run();
        return (sink.Records, stats);
    }

    [Fact]
    public void Two_threads_produce_exactly_the_records_of_one_thread_in_the_same_order()
    {
        var traffic = Traffic(200_000, 3_000);

        var (single, singleStats) = Run(traffic, new PipelineOptions { Threads = 1 });
        var (dual, dualStats) = Run(traffic, new PipelineOptions { Threads = 2, QueueCapacity = 1024 });   // small ring: many wrap-arounds

        Assert.Equal(single.Count, dual.Count);
        for (var i = 0; i < single.Count; i++)
        {
            Assert.Equal(single[i].FlowId, dual[i].FlowId);
            Assert.Equal(single[i].PktsToServer, dual[i].PktsToServer);
            Assert.Equal(single[i].BytesToClient, dual[i].BytesToClient);
            Assert.Equal(single[i].Reason, dual[i].Reason);
        }
        Assert.Equal(singleStats.Packets, dualStats.Packets);
        Assert.Equal(singleStats.Bytes, dualStats.Bytes);
        Assert.Equal(singleStats.FlowPackets, dualStats.FlowPackets);
    }

    [Fact]
    public void Every_packet_and_byte_is_accounted_for_in_the_flow_records()
    {
        var traffic = Traffic(50_000, 500);

        var (records, stats) = Run(traffic, new PipelineOptions { Threads = 2 });

        Assert.Equal(50_000, stats.Packets);
        Assert.Equal(traffic.Sum(t => (long)t.Item2!.Length), stats.Bytes);
        Assert.Equal(stats.FlowPackets, records.Sum(r => r.PktsToServer + r.PktsToClient));
        static bool IsIpv4(byte[] f) => f.Length >= 14 && f[12] == 0x08 && f[13] == 0x00;
        var ipBytes = traffic.Where(t => IsIpv4(t.Item2!)).Sum(t => (long)t.Item2!.Length);
        Assert.Equal(ipBytes, records.Sum(r => r.BytesToServer + r.BytesToClient));
        Assert.Equal(traffic.Count(t => t.Item2!.Length == 10), stats.DecodeEvents.Get(TrafficWatch.Decode.DecodeEvent.EthernetTooSmall));
        Assert.Equal(traffic.Count(t => t.Item2!.Length > 12 && t.Item2![12] == 0x08 && t.Item2[13] == 0x06), stats.DecodeEvents.Get(TrafficWatch.Decode.DecodeEvent.Arp));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Idle_live_capture_still_times_flows_out(int threads)
    {
        // One UDP packet, then the interface goes quiet: ticks must move packet time on so the flow ends by timeout.
        var traffic = new List<(PacketTime, byte[]?)>
        {
            (s_start, Ethernet(0x0800, Ipv4(17, "10.20.0.5", "10.20.0.10", Udp(40000, 5683)))),
        };
        var sink = new CollectingFlowSink();
        using var source = new IdleAfterFirstPacketSource(traffic[0].Item2!, s_start, TimeSpan.FromSeconds(3));
        var table = new FlowTable(new FlowTableOptions { UdpNewTimeout = 1 }, sink);

        new PacketPipeline(source, table, new PipelineOptions { Threads = threads }).Run();

        var record = Assert.Single(sink.Records);
        Assert.Equal(FlowEndReason.Timeout, record.Reason);
    }

    [Fact]
    public void Spsc_ring_reports_full_and_preserves_order()
    {
        var ring = new SpscRing<long>(4);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(ring.TryReserve(out var slot));
            ring[slot] = i;
            ring.Publish();
        }
        Assert.False(ring.TryReserve(out _));
        for (var i = 0; i < 4; i++)
        {
            Assert.True(ring.TryPeek(out var slot));
            Assert.Equal(i, ring[slot]);
            ring.Release();
        }
        Assert.False(ring.TryPeek(out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpscRing<long>(6));
    }
}
