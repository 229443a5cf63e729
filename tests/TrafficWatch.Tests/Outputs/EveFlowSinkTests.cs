using System.Text;
using System.Text.Json;
using TrafficWatch.Decode;
using TrafficWatch.Flows;
using TrafficWatch.Outputs.Eve;

namespace TrafficWatch.Tests.Outputs;

public sealed class EveFlowSinkTests
{
    private static FlowRecord Record(byte protocol = 6, byte vlans = 2, FlowEndReason reason = FlowEndReason.Closed)
    {
        var src = IpAddr.Parse("10.10.0.21");
        var dst = IpAddr.Parse("47.88.1.2");
        var start = PacketTime.FromMicroseconds(1_748_851_201, 250_000);
        return new FlowRecord
        {
            FlowId = 123_456_789_012,
            Key = new FlowKey(src, 49152, dst, 443, protocol, 10, 20),
            SrcAddr = src,
            SrcPort = 49152,
            DstAddr = dst,
            DstPort = 443,
            Protocol = protocol,
            VlanCount = vlans,
            SrcMac = new MacAddress(0x4419_B600_0001),
            DstMac = new MacAddress(0x001B_5400_0001),
            PktsToServer = 12,
            PktsToClient = 10,
            BytesToServer = 4410,
            BytesToClient = 9800,
            Start = start,
            End = start.AddSeconds(2.5),
            TcpFlagsToServer = 0x1b,
            TcpFlagsToClient = 0x1a,
            State = FlowState.Closed,
            Reason = reason,
        };
    }

    private static JsonElement Render(in FlowRecord record)
    {
        using var stream = new MemoryStream();
        using (var writer = new EveWriter(stream, ownsStream: false))
        {
            new EveFlowSink(writer).OnFlowEnd(in record);
        }
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Single(text.TrimEnd('\n').Split('\n'));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public void A_tcp_flow_has_suricatas_flow_event_shape()
    {
        var json = Render(Record());

        Assert.Equal("flow", json.GetProperty("event_type").GetString());
        Assert.Equal("2025-06-02T08:00:01.250000+0000", json.GetProperty("timestamp").GetString());
        Assert.Equal(123_456_789_012, json.GetProperty("flow_id").GetInt64());
        Assert.Equal("10.10.0.21", json.GetProperty("src_ip").GetString());
        Assert.Equal(49152, json.GetProperty("src_port").GetInt32());
        Assert.Equal("47.88.1.2", json.GetProperty("dest_ip").GetString());
        Assert.Equal(443, json.GetProperty("dest_port").GetInt32());
        Assert.Equal("TCP", json.GetProperty("proto").GetString());
        Assert.Equal([10, 20], json.GetProperty("vlan").EnumerateArray().Select(v => v.GetInt32()));
        var flow = json.GetProperty("flow");
        Assert.Equal(12, flow.GetProperty("pkts_toserver").GetInt64());
        Assert.Equal(10, flow.GetProperty("pkts_toclient").GetInt64());
        Assert.Equal(4410, flow.GetProperty("bytes_toserver").GetInt64());
        Assert.Equal(9800, flow.GetProperty("bytes_toclient").GetInt64());
        Assert.Equal("2025-06-02T08:00:01.250000+0000", flow.GetProperty("start").GetString());
        Assert.Equal("2025-06-02T08:00:03.750000+0000", flow.GetProperty("end").GetString());
        Assert.Equal(2, flow.GetProperty("age").GetInt64());
        Assert.Equal("closed", flow.GetProperty("state").GetString());
        Assert.Equal("closed", flow.GetProperty("reason").GetString());
        var tcp = json.GetProperty("tcp");
        Assert.Equal("1b", tcp.GetProperty("tcp_flags").GetString());
        Assert.Equal("1b", tcp.GetProperty("tcp_flags_ts").GetString());
        Assert.Equal("1a", tcp.GetProperty("tcp_flags_tc").GetString());
        Assert.True(tcp.GetProperty("syn").GetBoolean());
        Assert.False(tcp.TryGetProperty("rst", out _));
        Assert.Equal("44:19:b6:00:00:01", json.GetProperty("ether").GetProperty("src_mac").GetString());
    }

    [Fact]
    public void An_untagged_udp_flow_has_no_vlan_and_no_tcp_section()
    {
        var json = Render(Record(protocol: 17, vlans: 0, reason: FlowEndReason.Timeout));

        Assert.False(json.TryGetProperty("vlan", out _));
        Assert.False(json.TryGetProperty("tcp", out _));
        Assert.Equal("UDP", json.GetProperty("proto").GetString());
        Assert.Equal("timeout", json.GetProperty("flow").GetProperty("reason").GetString());
    }

    [Fact]
    public void An_icmp_flow_carries_type_and_code_instead_of_ports()
    {
        var r = Record(protocol: 1, vlans: 1);
        r = new FlowRecord
        {
            FlowId = r.FlowId, Key = r.Key, SrcAddr = r.SrcAddr, SrcPort = 0x0800, DstAddr = r.DstAddr, DstPort = 77,
            Protocol = 1, VlanCount = 1, PktsToServer = 1, PktsToClient = 1, BytesToServer = 98, BytesToClient = 98,
            Start = r.Start, End = r.End, State = FlowState.Established, Reason = FlowEndReason.Shutdown,
            IcmpType = 8, IcmpCode = 0,
        };
        var json = Render(r);

        Assert.Equal("ICMP", json.GetProperty("proto").GetString());
        Assert.Equal(8, json.GetProperty("icmp_type").GetInt32());
        Assert.False(json.TryGetProperty("src_port", out _));
        Assert.Equal([10], json.GetProperty("vlan").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal("shutdown", json.GetProperty("flow").GetProperty("reason").GetString());
    }

    [Fact]
    public void Ipv6_addresses_are_written_in_compressed_form()
    {
        var src = IpAddr.Parse("2001:db8::1");
        var dst = IpAddr.Parse("2001:db8::2");
        var r = Record(protocol: 17, vlans: 0);
        r = new FlowRecord
        {
            FlowId = 1, Key = new FlowKey(src, 1, dst, 2, 17, 0, 0), SrcAddr = src, SrcPort = 1, DstAddr = dst, DstPort = 2,
            Protocol = 17, VlanCount = 0, PktsToServer = 1, PktsToClient = 0, BytesToServer = 70, BytesToClient = 0,
            Start = r.Start, End = r.Start, State = FlowState.New, Reason = FlowEndReason.Timeout,
        };
        var json = Render(r);

        Assert.Equal("2001:db8::1", json.GetProperty("src_ip").GetString());
        Assert.Equal("2001:db8::2", json.GetProperty("dest_ip").GetString());
    }
}
