using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Flows;

public sealed class TimeoutTests
{
    private static FlowTableOptions Short() => new()
    {
        TcpNewTimeout = 10,
        TcpEstablishedTimeout = 100,
        UdpNewTimeout = 5,
        UdpEstablishedTimeout = 50,
        IcmpNewTimeout = 3,
        IcmpEstablishedTimeout = 30,
        OtherNewTimeout = 7,
        OtherEstablishedTimeout = 70,
    };

    [Theory]
    [InlineData(17, 5)]
    [InlineData(1, 3)]
    [InlineData(6, 10)]
    [InlineData(47, 7)]
    public void A_new_flow_times_out_after_its_protocols_new_timeout_in_packet_time(byte protocol, int timeout)
    {
        var h = new FlowTableHarness(Short());
        var p = Pkt.Ip(0, Pkt.Camera, Pkt.Cloud, protocol, 80, 0, 0);
        h.Feed(p);
        h.Table.AdvanceTime(Pkt.At(timeout));                     // exactly the timeout: still alive
        Assert.Empty(h.Sink.Records);
        h.Table.AdvanceTime(Pkt.At(timeout + 0.5));                 // same second of packet time: no sweep yet
        Assert.Empty(h.Sink.Records);
        h.Table.AdvanceTime(Pkt.At(timeout + 1));
        var r = h.Sink.Single(FlowEndReason.Timeout);
        Assert.Equal(protocol, r.Protocol);
        Assert.Equal(1, h.Table.Counters.EndedTimeout);
    }

    [Fact]
    public void An_established_udp_flow_uses_the_established_timeout()
    {
        var h = new FlowTableHarness(Short());
        var q = Pkt.Udp(0, Pkt.Camera, 5000, Pkt.Nvr, 554);
        h.Feed(q, Pkt.Reply(q, 1));
        h.Table.AdvanceTime(Pkt.At(40));
        Assert.Empty(h.Sink.Records);
        h.Table.AdvanceTime(Pkt.At(51.5));
        Assert.Equal(FlowState.Established, h.Sink.Single(FlowEndReason.Timeout).State);
    }

    [Fact]
    public void Sweeps_driven_by_packets_expire_idle_flows_and_keep_busy_ones()
    {
        var h = new FlowTableHarness(Short());
        h.Feed(Pkt.Udp(0, Pkt.Camera, 1000, Pkt.Nvr, 53));        // idle after t=0
        for (var t = 0; t <= 20; t++)
        {
            h.Feed(Pkt.Udp(t, Pkt.Camera, 2000, Pkt.Nvr, 53));     // busy
        }
        var r = h.Sink.Single(FlowEndReason.Timeout);
        Assert.Equal(1000, r.SrcPort);
        Assert.Equal(1, h.Table.ActiveFlows);
    }

    [Fact]
    public void A_packet_after_the_timeout_makes_a_new_flow_with_a_different_flow_id()
    {
        var h = new FlowTableHarness(Short());
        h.Feed(Pkt.Udp(0, Pkt.Camera, 5000, Pkt.Nvr, 554), Pkt.Udp(5.5, Pkt.Camera, 5000, Pkt.Nvr, 554));
        var first = h.Sink.Single(FlowEndReason.Timeout);
        var second = h.Flush().Single();
        Assert.Equal(first.Key, second.Key);
        Assert.NotEqual(first.FlowId, second.FlowId);
        Assert.Equal(Pkt.At(5.5), second.Start);
        Assert.Equal(1, first.PktsToServer);
        Assert.Equal(1, second.PktsToServer);
        Assert.Equal(2, h.Table.Counters.NewFlows);
    }

    [Fact]
    public void A_packet_past_the_timeout_ends_the_old_flow_even_before_the_next_sweep()
    {
        var h = new FlowTableHarness(Short());
        h.Feed(Pkt.Udp(0, Pkt.Camera, 5000, Pkt.Nvr, 554));
        h.Table.AdvanceTime(Pkt.At(5));                            // this second's sweep: not yet expired
        h.Feed(Pkt.Udp(5.5, Pkt.Nvr, 554, Pkt.Camera, 5000));     // same second: no sweep, the lookup sees it is over
        var old = h.Sink.Single(FlowEndReason.Timeout);
        Assert.Equal(1, old.PktsToServer);
        var fresh = h.Flush().Single();
        Assert.Equal(Pkt.Nvr, fresh.SrcAddr);                      // a new flow: its first sender is the initiator
        Assert.NotEqual(old.FlowId, fresh.FlowId);
    }

    [Fact]
    public void Time_going_backwards_is_clamped_and_counted_and_never_breaks_the_table()
    {
        var h = new FlowTableHarness(Short());
        h.Feed(
            Pkt.Udp(10, Pkt.Camera, 5000, Pkt.Nvr, 554),
            Pkt.Udp(9.5, Pkt.Nvr, 554, Pkt.Camera, 5000),          // merged capture, slightly earlier
            Pkt.Udp(2, Pkt.Camera, 6000, Pkt.Nvr, 554),            // a new flow "in the past"
            Pkt.Udp(10.2, Pkt.Camera, 5000, Pkt.Nvr, 554));
        Assert.Equal(2, h.Table.Counters.TimeWentBackwards);
        Assert.Equal(Pkt.At(10.2), h.Table.Now);
        h.Table.AdvanceTime(Pkt.At(3));                            // backwards AdvanceTime: nothing expires
        Assert.Empty(h.Sink.Records);
        var records = h.Flush();
        Assert.Equal(2, records.Count);
        var first = records.Single(r => r.SrcPort == 5000);
        Assert.Equal(Pkt.At(10), first.Start);
        Assert.Equal(Pkt.At(10.2), first.End);
        Assert.Equal(2, first.PktsToServer);
        Assert.Equal(1, first.PktsToClient);
        Assert.Equal(Pkt.At(10), records.Single(r => r.SrcPort == 6000).Start);   // accounted at the clock
        Assert.True(records.All(r => r.End >= r.Start));
    }
}
