using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Flows;

public sealed class InterimTests
{
    [Fact]
    public void A_long_flow_emits_interim_records_with_cumulative_counters_while_it_is_active()
    {
        var h = new FlowTableHarness(new FlowTableOptions { InterimSeconds = 10 });
        for (var t = 0; t <= 25; t++)
        {
            h.Feed(Pkt.Udp(t, Pkt.Camera, 5000, Pkt.Nvr, 554, wire: 100));
        }
        var interims = h.Sink.Records.Where(r => r.Reason == FlowEndReason.Interim).ToList();
        Assert.Equal(2, interims.Count);                           // at t=10 and t=20 (sweeps run before the packet)
        Assert.Equal(10, interims[0].PktsToServer);
        Assert.Equal(20, interims[1].PktsToServer);
        Assert.Equal(interims[0].FlowId, interims[1].FlowId);
        Assert.Equal(2, h.Table.Counters.InterimRecords);
        var final = h.Flush().Single();
        Assert.Equal(26, final.PktsToServer);
        Assert.Equal(interims[0].FlowId, final.FlowId);
    }

    [Fact]
    public void An_idle_flow_emits_no_repeated_interim_and_interims_are_off_by_default()
    {
        var h = new FlowTableHarness(new FlowTableOptions { InterimSeconds = 10, UdpNewTimeout = 100 });
        h.Feed(Pkt.Udp(0, Pkt.Camera, 5000, Pkt.Nvr, 554));
        for (var t = 1; t <= 60; t++)
        {
            h.Table.AdvanceTime(Pkt.At(t));
        }
        Assert.Single(h.Sink.Records, r => r.Reason == FlowEndReason.Interim);

        var off = new FlowTableHarness();
        for (var t = 0; t <= 1000; t += 5)
        {
            off.Feed(Pkt.Udp(t, Pkt.Camera, 5000, Pkt.Nvr, 554));
        }
        Assert.Empty(off.Sink.Records);
    }
}
