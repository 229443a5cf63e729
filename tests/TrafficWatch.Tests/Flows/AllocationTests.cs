using TrafficWatch.Decode;
using TrafficWatch.Flows;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Flows;

/// <summary>Allocation and memory checks (counts bytes, never times anything).</summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class AllocationTests(ITestOutputHelper output)
{
    [Fact]
    public void Processing_100k_packets_over_existing_flows_allocates_nothing_after_warm_up()
    {
        const int flowCount = 1_000;
        const int packetCount = 100_000;
        var sink = new CountingFlowSink();
        var table = new FlowTable(new FlowTableOptions { InterimSeconds = 30 }, sink);
        var packets = new PacketMeta[packetCount];
        for (var i = 0; i < packetCount; i++)
        {
            var f = i % flowCount;
            var host = IpAddr.FromIPv4(0x0A14_0000u + (uint)f);
            var t = i * 0.001;                                      // 100 s of packet time: ~100 sweeps
            var forward = (i / flowCount) % 2 == 0;
            packets[i] = (f % 3) switch
            {
                0 => forward
                    ? Pkt.Tcp(t, host, 50_000, Pkt.Cloud, 443, Pkt.Ack | Pkt.Psh, wire: 1000, payload: 946)
                    : Pkt.Tcp(t, Pkt.Cloud, 443, host, 50_000, Pkt.Ack, wire: 66),
                1 => forward ? Pkt.Udp(t, host, 5000, Pkt.Nvr, 554) : Pkt.Udp(t, Pkt.Nvr, 554, host, 5000),
                _ => Pkt.Echo(t, forward ? host : Pkt.Nvr, forward ? Pkt.Nvr : host, reply: !forward),
            };
        }
        var warmUp = (PacketMeta[])packets.Clone();
        RunAll(table, warmUp, sink);                                 // creates the flows, JITs, sizes the lists
        var shift = (long)(packetCount * 0.001 * PacketTime.NanosPerSecond);
        for (var i = 0; i < packetCount; i++)
        {
            packets[i].Timestamp = new PacketTime(packets[i].Timestamp.Nanoseconds + shift);
        }
        Assert.Equal(flowCount, table.ActiveFlows);

        var before = GC.GetAllocatedBytesForCurrentThread();
        RunAll(table, packets, sink);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(flowCount, table.ActiveFlows);
        Assert.Equal(flowCount, table.Counters.NewFlows);
        Assert.True(table.Counters.InterimRecords > 0);
    }

    [Fact]
    public void Churn_at_max_flows_evicting_and_creating_flows_allocates_nothing_after_warm_up()
    {
        const int maxFlows = 1_000;
        var sink = new CountingFlowSink();
        var table = new FlowTable(new FlowTableOptions { MaxFlows = maxFlows, MaxFragmentEntries = 64 }, sink);
        static PacketMeta[] NewFlows(int first, int count, double t0)
        {
            var packets = new PacketMeta[count];
            for (var i = 0; i < count; i++)
            {
                var n = (uint)(first + i);
                packets[i] = Pkt.Udp(t0 + i * 1e-4, IpAddr.FromIPv4(0x0A00_0000u + n), (ushort)(n & 0x7FFF), Pkt.Nvr, 554);
                if (i % 50 == 0)
                {
                    packets[i].IsFragment = true;                   // first fragments cycle through the tracker too
                    packets[i].FragmentId = n;
                }
            }
            return packets;
        }
        RunAll(table, NewFlows(0, 4 * maxFlows, 0), sink);         // fills the table, grows every array to its bound
        var packets = NewFlows(1_000_000, 100_000, 1);

        var before = GC.GetAllocatedBytesForCurrentThread();
        RunAll(table, packets, sink);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(maxFlows, table.ActiveFlows);
        Assert.True(table.Counters.Evicted >= 100_000);
    }

    [Fact]
    public void Fragmented_traffic_holding_completing_and_timing_out_datagrams_allocates_nothing_after_warm_up()
    {
        // 3 fragments per datagram, a third arriving last-first, every 10th datagram incomplete (times out after 2 s),
        // over 200 flows: the tracker holds, completes, expires and reuses its storage.
        var sink = new CountingFlowSink();
        var table = new FlowTable(new FlowTableOptions { FragmentTimeout = 2, MaxFragmentEntries = 4_096 }, sink);
        static PacketMeta[] Datagrams(int count, double t0, uint firstId)
        {
            var packets = new PacketMeta[count * 3];
            for (var i = 0; i < count; i++)
            {
                var host = IpAddr.FromIPv4(0x0A00_0000u + (uint)(i % 200));
                var t = t0 + i * 1e-4;
                for (var f = 0; f < 3; f++)
                {
                    var order = i % 3 == 0 ? 2 - f : f;
                    var m = order == 0 ? Pkt.Udp(t, host, 5000, Pkt.Nvr, 554, wire: 1514) : Pkt.Ip(t, host, Pkt.Nvr, 17, 1514, 0, 0);
                    m.IsFragment = true;
                    m.IsNonFirstFragment = order != 0;
                    m.FragmentId = firstId + (uint)i;
                    m.FragmentOffset = order * 1480;
                    m.FragmentLength = 1480;
                    m.MoreFragments = order != 2;
                    if (i % 10 == 5 && order == 1)
                    {
                        m.FragmentOffset = 8;                       // leaves a gap: never completes
                        m.FragmentLength = 8;
                    }
                    packets[i * 3 + f] = m;
                }
            }
            return packets;
        }
        RunAll(table, Datagrams(50_000, 0, 0), sink);               // 5 s: grows the tracker and the flows
        var packets = Datagrams(50_000, 10, 100_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        RunAll(table, packets, sink);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(table.Counters.FragmentsMatched > 200_000);
        Assert.True(table.Counters.FragmentsUnmatched > 20_000);
        Assert.True(table.HeldFragments < 3 * 5_000);
    }

    [Fact]
    public void Memory_per_active_flow_stays_under_300_bytes_at_capacity_including_the_index()
    {
        const int exact = 1 << 17;                                  // capacity reached exactly
        var perFlowExact = MeasureBytesPerFlow(maxFlows: exact, flows: exact);
        var perFlowTypical = MeasureBytesPerFlow(maxFlows: 1_000_000, flows: 100_000);   // default MaxFlows, growth slack
        output.WriteLine($"slot struct {System.Runtime.CompilerServices.Unsafe.SizeOf<FlowSlot>()} B, estimate {FlowTable.BytesPerFlowSlot} B/slot");
        output.WriteLine($"measured {perFlowExact:F1} B/flow at full capacity, {perFlowTypical:F1} B/flow for 100k flows with MaxFlows 1M");
        Assert.InRange(perFlowExact, FlowTable.BytesPerFlowSlot * 0.9, 300);
        // With growth slack (the slot array doubles): 279 B before the flow's name/app reference (8 B) was added.
        Assert.InRange(perFlowTypical, 1, 320);
    }

    private static double MeasureBytesPerFlow(int maxFlows, int flows)
    {
        var sink = new CountingFlowSink();
        var packets = new PacketMeta[flows];
        for (var i = 0; i < flows; i++)
        {
            packets[i] = Pkt.Udp(i * 1e-6, IpAddr.FromIPv4(0x0A00_0000u + (uint)i), 5000, Pkt.Nvr, 554);
        }
        var before = LiveBytes();
        var table = new FlowTable(new FlowTableOptions { MaxFlows = maxFlows }, sink);
        RunAll(table, packets, sink);
        var after = LiveBytes();
        Assert.Equal(flows, table.ActiveFlows);
        GC.KeepAlive(table);
        GC.KeepAlive(packets);                                      // allocated before the first reading: must not be freed in between
        return (after - before) / (double)flows;
    }

    /// <summary>Live heap bytes after a full, compacting collection (the grown-out arrays are on the LOH).</summary>
    private static long LiveBytes()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static void RunAll(FlowTable table, PacketMeta[] packets, CountingFlowSink visitor)
    {
        for (var i = 0; i < packets.Length; i++)
        {
            table.Process(ref packets[i]);
            if ((i & 0x3FFF) == 0)
            {
                table.CollectIntervalDeltas(visitor);
            }
        }
    }
}
