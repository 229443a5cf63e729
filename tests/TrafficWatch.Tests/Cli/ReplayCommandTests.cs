using System.Text.Json;
using TrafficWatch.Tests.Capture;
using static TrafficWatch.Tests.Decode.TestFrames;

namespace TrafficWatch.Tests.Cli;

/// <summary>The <c>replay</c> command end to end: the real program, real files, exit codes and messages.</summary>
public sealed class ReplayCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A TCP handshake, a request, a response and a close between a camera and a server, plus one ARP.</summary>
    private string WriteConversation(string name, uint startSecond = 1_748_851_200)
    {
        byte[] cameraMac = [0x44, 0x19, 0xB6, 0x00, 0x00, 0x01];
        byte[] routerMac = [0x00, 0x1B, 0x54, 0x00, 0x00, 0x01];
        byte[] Frame(byte[] src, byte[] dst, byte[] ip) => Concat(dst, src, [0x81, 0x00, 0x00, 0x0A, 0x08, 0x00], ip);
        byte[] Up(byte flags, int payload = 0) => Frame(cameraMac, routerMac, Ipv4(6, "10.10.0.21", "47.88.1.2", Tcp(49152, 443, flags, new byte[payload])));
        byte[] Down(byte flags, int payload = 0) => Frame(routerMac, cameraMac, Ipv4(6, "47.88.1.2", "10.10.0.21", Tcp(443, 49152, flags, new byte[payload])));
        var builder = new PcapFileBuilder();
        var t = 0u;
        builder.Add(startSecond, t += 1000, Up(0x02));
        builder.Add(startSecond, t += 1000, Down(0x12));
        builder.Add(startSecond, t += 1000, Up(0x10));
        builder.Add(startSecond, t += 1000, Up(0x18, 300));
        builder.Add(startSecond, t += 1000, Down(0x18, 1200), wireLength: 1300);   // snapped: wire length counts
        builder.Add(startSecond, t += 1000, Up(0x11));
        builder.Add(startSecond, t += 1000, Down(0x11));
        builder.Add(startSecond, t += 1000, Up(0x10));
        builder.Add(startSecond, t += 1000, Concat([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], cameraMac, [0x08, 0x06], new byte[28]));
        return builder.WriteTo(_dir.File(name));
    }

    private static List<JsonElement> ReadEve(string path)
        => File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public void Replay_writes_one_eve_flow_record_with_wire_bytes_and_the_initiator_as_source()
    {
        var pcap = WriteConversation("conversation.pcap");
        var eve = _dir.File("eve.json");

        var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", pcap, "--eve", eve);

        Assert.True(result.ExitCode == 0, result.StdErr);
        // A camera talking to an Internet address it never resolved also raises alerts; the flow record is one.
        var flow = Assert.Single(ReadEve(eve), e => e.GetProperty("event_type").GetString() == "flow");
        Assert.Contains(ReadEve(eve), e => e.GetProperty("event_type").GetString() == "alert");
        Assert.Equal("10.10.0.21", flow.GetProperty("src_ip").GetString());
        Assert.Equal(443, flow.GetProperty("dest_port").GetInt32());
        Assert.Equal([10], flow.GetProperty("vlan").EnumerateArray().Select(v => v.GetInt32()));
        var f = flow.GetProperty("flow");
        Assert.Equal(5, f.GetProperty("pkts_toserver").GetInt32());
        Assert.Equal(3, f.GetProperty("pkts_toclient").GetInt32());
        // camera frames: 5 x (18+20+20) + 300 payload bytes; server frames: 2 x 58 + the 1300-byte snapped frame.
        Assert.Equal(5 * 58 + 300, f.GetProperty("bytes_toserver").GetInt32());
        Assert.Equal(2 * 58 + 1300, f.GetProperty("bytes_toclient").GetInt32());
        Assert.Equal("closed", f.GetProperty("state").GetString());
        Assert.Equal("shutdown", f.GetProperty("reason").GetString());   // still waiting out the closed timeout at end of input
        Assert.Contains("packets   9 (8 IP)", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("decoder.arp 1", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void One_and_two_threads_give_byte_identical_eve_output()
    {
        var first = WriteConversation("a.pcap");
        var second = WriteConversation("b.pcap", startSecond: 1_748_851_260);
        var eve1 = _dir.File("eve1.json");
        var eve2 = _dir.File("eve2.json");

        var r1 = TrafficWatchProcess.RunIn(_dir.Path, "replay", first, second, "--eve", eve1, "--threads", "1", "--quiet");
        var r2 = TrafficWatchProcess.RunIn(_dir.Path, "replay", _dir.Path, "--eve", eve2, "--threads", "2", "--quiet");

        Assert.Equal(0, r1.ExitCode);
        Assert.Equal(0, r2.ExitCode);
        Assert.Equal(2, File.ReadAllLines(eve1).Count(l => l.Contains("\"event_type\":\"flow\"", StringComparison.Ordinal)));
        Assert.Equal(File.ReadAllBytes(eve1), File.ReadAllBytes(eve2));
    }

    [Fact]
    public void A_truncated_file_is_named_with_its_record_and_the_good_records_are_still_written()
    {
        var pcap = WriteConversation("cut.pcap");
        var bytes = File.ReadAllBytes(pcap);
        File.WriteAllBytes(pcap, bytes[..^20]);                   // cut inside the last record (the ARP frame)
        var eve = _dir.File("eve.json");

        var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", pcap, "--eve", eve);

        Assert.Equal(2, result.ExitCode);
        var errorLine = Assert.Single(result.StdErr.Split('\n'), l => l.StartsWith("trafficwatch: error:", StringComparison.Ordinal));
        Assert.Contains(pcap, errorLine, StringComparison.Ordinal);
        Assert.Contains("record 9", errorLine, StringComparison.Ordinal);
        var flow = Assert.Single(ReadEve(eve), e => e.GetProperty("event_type").GetString() == "flow").GetProperty("flow");
        Assert.Equal(8, flow.GetProperty("pkts_toserver").GetInt32() + flow.GetProperty("pkts_toclient").GetInt32());
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);   // no stack trace
    }

    [Fact]
    public void A_missing_file_gives_one_line_and_exit_code_2()
    {
        var missing = _dir.File("nope.pcap");

        var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", missing, "--eve", _dir.File("eve.json"), "--quiet");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(missing, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_filter_is_refused_before_reading()
    {
        var pcap = WriteConversation("conversation.pcap");

        var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", pcap, "--filter", "tcp port", "--eve", _dir.File("eve.json"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("tcp port", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bpf_filter_keeps_only_matching_packets()
    {
        var pcap = WriteConversation("conversation.pcap");
        var eve = _dir.File("eve.json");

        var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", pcap, "--filter", "arp", "--eve", eve);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(File.ReadAllLines(eve));
        Assert.Contains("packets   1 (0 IP)", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_configuration_value_gives_one_line_naming_the_file()
    {
        var config = _dir.File("tw.yaml");
        File.WriteAllText(config, "Flows:\n  UdpNewTimeout: later\n");

        var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", WriteConversation("c.pcap"), "--config", config, "--eve", _dir.File("eve.json"));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(config, line, StringComparison.Ordinal);
        Assert.Contains("UdpNewTimeout", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Eve_to_standard_output_with_a_dash()
    {
        var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", WriteConversation("c.pcap"), "--eve", "-", "--quiet");

        Assert.Equal(0, result.ExitCode);
        var events = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event_type").GetString()).ToList();
        Assert.Single(events, e => e == "flow");
        Assert.All(events, e => Assert.Contains(e, new[] { "flow", "alert" }));
    }

    [Fact]
    public void Metrics_go_to_a_line_protocol_file_in_packet_time_and_sum_to_the_flow_bytes()
    {
        var pcap = WriteConversation("conversation.pcap");
        var metrics = _dir.File("metrics.lp");

        var result = TrafficWatchProcess.RunIn(_dir.Path, "replay", pcap, "--eve", _dir.File("eve.json"), "--metrics", metrics);

        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(metrics).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("CREATE", StringComparison.Ordinal)).ToList();
        var traffic = lines.Where(l => l.StartsWith("traffic,", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, traffic.Count);                                      // the camera's out and in series
        var outLine = Assert.Single(traffic, l => l.Contains("direction=out", StringComparison.Ordinal));
        Assert.Contains("device=44:19:b6:00:00:01", outLine, StringComparison.Ordinal);
        Assert.Contains("vlan=10", outLine, StringComparison.Ordinal);
        Assert.Contains("bytes=590i", outLine, StringComparison.Ordinal);
        Assert.Contains("flows=1i", outLine, StringComparison.Ordinal);
        Assert.Contains("bytes=1416i", Assert.Single(traffic, l => l.Contains("direction=in", StringComparison.Ordinal)), StringComparison.Ordinal);
        // Stamped with the start of the 10 s interval of packet time, in nanoseconds.
        Assert.All(lines, l => Assert.EndsWith(" 1748851200000000000", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sensor,", StringComparison.Ordinal) && l.Contains("packets=9i", StringComparison.Ordinal));
    }
}
