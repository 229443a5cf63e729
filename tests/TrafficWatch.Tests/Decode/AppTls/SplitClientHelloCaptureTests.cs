using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using TrafficWatch.Decode.App.Tls;
using TrafficWatch.Tests.Capture;
using Xunit.Abstractions;
using static TrafficWatch.Tests.Decode.TestFrames;

namespace TrafficWatch.Tests.Decode.AppTls;

/// <summary>
/// None of the shared captures splits a ClientHello over segments, so this one is written here: SYN, first third,
/// server ACK, a retransmission of the first third, second third, last third. The hello completes at the last
/// frame, as tshark reports it; when tshark is installed it is asked too.
/// </summary>
public sealed class SplitClientHelloCaptureTests(ITestOutputHelper output)
{
    [Fact]
    public void Hello_split_over_three_segments_with_a_retransmission_completes_at_the_last_frame()
    {
        var hello = TlsClientHelloParserTests.ChromeLike("nvr.council.example").Build();
        var pcap = new PcapFileBuilder();
        const uint isn = 1000;
        var cut1 = hello.Length / 3;
        var cut2 = 2 * hello.Length / 3;
        pcap.Add(1, 0, Frame(true, isn, 0x02, []));
        pcap.Add(1, 1000, Frame(true, isn + 1, 0x18, hello[..cut1]));
        pcap.Add(1, 2000, Frame(false, 5000, 0x10, []));
        pcap.Add(1, 3000, Frame(true, isn + 1, 0x18, hello[..cut1]));                 // retransmission
        pcap.Add(1, 4000, Frame(true, isn + 1 + (uint)cut1, 0x18, hello[cut1..cut2]));
        pcap.Add(1, 5000, Frame(true, isn + 1 + (uint)cut2, 0x18, hello[cut2..]));
        using var dir = new TempDirectory();
        var file = pcap.WriteTo(dir.File("split-hello.pcap"));

        var scan = AppCaptureScan.Run(file);

        var seen = Assert.Single(scan.Hellos);
        Assert.Equal(6, seen.Frame);
        Assert.Equal(1, scan.SplitHellos);
        Assert.Equal("nvr.council.example", seen.Hello.ServerName);
        TlsClientHelloParser.Parse(hello, out var direct);
        Assert.Equal(direct!.Ja3Hash, seen.Hello.Ja3Hash);
        Assert.Equal(direct.Ja4, seen.Hello.Ja4);

        var tshark = RunTshark(file);
        if (tshark is null)
        {
            return;
        }
        Assert.Equal($"6\t{seen.Hello.Ja3}\t{seen.Hello.Ja3Hash}\tnvr.council.example", tshark.Trim());
    }

    private static byte[] Frame(bool fromClient, uint seq, byte flags, byte[] payload)
    {
        var tcp = fromClient ? Tcp(50000, 443, flags, payload) : Tcp(443, 50000, flags, payload);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), seq);
        var ip = fromClient ? Ipv4(6, "10.20.0.17", "203.0.113.9", tcp) : Ipv4(6, "203.0.113.9", "10.20.0.17", tcp);
        return Ethernet(0x0800, ip);
    }

    private string? RunTshark(string file)
    {
        var start = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-n", "-o", "tcp.check_checksum:FALSE", "-r", file, "-Y", "tls.handshake.type == 1", "-T", "fields",
                     "-e", "frame.number", "-e", "tls.handshake.ja3_full", "-e", "tls.handshake.ja3", "-e", "tls.handshake.extensions_server_name" })
        {
            start.ArgumentList.Add(arg);
        }
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = stderr.Result;
            return stdout;
        }
        catch (Win32Exception ex) when (!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            output.WriteLine($"SKIPPED (tshark part): tshark is not installed ({ex.Message}).");
            return null;
        }
    }
}
