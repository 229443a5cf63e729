using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SharpPcap;
using TrafficWatch.Capture;
using TrafficWatch.Decode;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Capture;

/// <summary>Live capture on the loopback interface (the test environment runs as root).</summary>
public sealed class LiveCaptureSourceTests(ITestOutputHelper output)
{
    [Fact]
    public void Loopback_capture_with_udp_port_filter_sees_the_datagrams_sent()
    {
        var port = Random.Shared.Next(40_000, 60_000);
        using var source = OpenLoopbackOrSkip(new CaptureOptions
        {
            Interface = "lo",
            Filter = $"udp port {port}",
            ReadTimeoutMilliseconds = 50,
            KernelBufferBytes = 4 * 1024 * 1024,
            ImmediateMode = true,
        });
        if (source is null)
        {
            return;
        }

        using (var client = new UdpClient())
        {
            for (var i = 0; i < 3; i++)
            {
                client.Send([0x54, 0x57, (byte)i], 3, new IPEndPoint(IPAddress.Loopback, port));
            }
        }

        var seen = new List<FrameCopy>();
        var sw = Stopwatch.StartNew();
        while (seen.Count < 3 && sw.Elapsed < TimeSpan.FromSeconds(10))
        {
            var status = source.Next(out var frame);
            if (status == ReadStatus.Packet)
            {
                seen.Add(FrameCopy.From(frame));
            }
            Assert.NotEqual(ReadStatus.EndOfInput, status);
        }

        Assert.Equal(3, seen.Count);
        Assert.All(seen, f => Assert.Equal(LinkType.Ethernet, f.LinkType));
        Assert.All(seen, f => Assert.Equal(0x54, f.Data[^3]));     // our payload is the frame's tail
        Assert.Equal([0, 1, 2], seen.Select(f => (int)f.Data[^1]));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000L;
        Assert.All(seen, f => Assert.InRange(f.TimestampNanos, now - 60_000_000_000L, now + 1_000_000_000L));
        Assert.Empty(source.Errors);
        Assert.True(source.Statistics.PacketsRead >= 3);
    }

    [Fact]
    public void Idle_capture_returns_timeout_and_stop_from_another_thread_ends_it()
    {
        var port = Random.Shared.Next(40_000, 60_000);
        using var source = OpenLoopbackOrSkip(new CaptureOptions { Interface = "lo", Filter = $"udp port {port} and udp port {port + 1}", ReadTimeoutMilliseconds = 50 });
        if (source is null)
        {
            return;
        }

        var sw = Stopwatch.StartNew();
        var status = source.Next(out _);
        Assert.Equal(ReadStatus.Timeout, status);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"timeout took {sw.Elapsed}");

        var stopper = new Thread(() =>
        {
            Thread.Sleep(200);
            source.Stop();
        });
        stopper.Start();
        sw.Restart();
        while (source.Next(out _) != ReadStatus.EndOfInput)
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), "Stop() did not end the capture");
        }
        stopper.Join();
        Assert.Equal(ReadStatus.EndOfInput, source.Next(out _));
        Assert.True(source.Statistics.KernelDrops >= 0);
    }

    [Fact]
    public void Unknown_interface_gives_one_line_listing_available_interfaces()
    {
        var ex = Assert.Throws<CaptureOpenException>(() => LiveCaptureSource.Open(new CaptureOptions { Interface = "tw-nonexistent0" }));

        Assert.Equal(CaptureOpenFailure.NoSuchInterface, ex.Failure);
        Assert.StartsWith("capture interface \"tw-nonexistent0\" not found", ex.UserMessage, StringComparison.Ordinal);
        Assert.Contains("lo", ex.UserMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.UserMessage);
        output.WriteLine(ex.UserMessage);
    }

    [Fact]
    public void Bad_live_filter_is_a_typed_one_line_error()
    {
        var ex = Assert.Throws<CaptureOpenException>(() => LiveCaptureSource.Open(new CaptureOptions { Interface = "lo", Filter = "port banana" }));

        Assert.Equal(CaptureOpenFailure.InvalidFilter, ex.Failure);
        Assert.Contains("\"port banana\"", ex.UserMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.UserMessage);
        output.WriteLine(ex.UserMessage);
    }

    [Fact]
    public void Out_of_range_options_are_rejected_before_opening()
    {
        var ex = Assert.Throws<CaptureOpenException>(() => LiveCaptureSource.Open(new CaptureOptions { Interface = "lo", SnapLength = 10 }));

        Assert.Equal(CaptureOpenFailure.InvalidOptions, ex.Failure);
        Assert.Contains("SnapLength", ex.UserMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Permission_denied_explains_the_missing_capabilities_and_how_to_grant_them(bool promiscuous)
    {
        var ex = LiveCaptureSource.MapOpenError(new CaptureOptions { Interface = "eth0", Promiscuous = promiscuous },
            PcapError.PermissionDenied, "socket: Operation not permitted", ["eth0", "lo"]);

        Assert.Equal(CaptureOpenFailure.PermissionDenied, ex.Failure);
        Assert.Contains("CAP_NET_RAW", ex.UserMessage, StringComparison.Ordinal);
        Assert.Equal(promiscuous, ex.UserMessage.Contains("CAP_NET_ADMIN for promiscuous", StringComparison.Ordinal));
        Assert.Contains("setcap cap_net_raw,cap_net_admin=eip", ex.UserMessage, StringComparison.Ordinal);
        Assert.Contains("root", ex.UserMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.UserMessage);
        output.WriteLine(ex.UserMessage);
    }

    [Fact]
    public void Promiscuous_permission_denied_names_cap_net_admin()
    {
        var ex = LiveCaptureSource.MapOpenError(new CaptureOptions { Interface = "eth0" },
            PcapError.PromiscuousPermissionDenied, "denied", ["eth0"]);

        Assert.Equal(CaptureOpenFailure.PermissionDenied, ex.Failure);
        Assert.Contains("CAP_NET_ADMIN", ex.UserMessage, StringComparison.Ordinal);
        Assert.Contains("setcap cap_net_raw,cap_net_admin=eip", ex.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Capture_options_have_the_documented_defaults()
    {
        var options = new CaptureOptions();

        Assert.Equal("Capture", CaptureOptions.Section);
        Assert.Equal(262_144, options.SnapLength);
        Assert.True(options.Promiscuous);
        Assert.Equal(64 * 1024 * 1024, options.KernelBufferBytes);
        Assert.Equal(100, options.ReadTimeoutMilliseconds);
        Assert.False(options.ImmediateMode);
        Assert.Null(options.Filter);
    }

    private LiveCaptureSource? OpenLoopbackOrSkip(CaptureOptions options)
    {
        try
        {
            return LiveCaptureSource.Open(options);
        }
        catch (CaptureOpenException ex) when (ex.Failure == CaptureOpenFailure.PermissionDenied
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            output.WriteLine("SKIPPED: live capture needs root or CAP_NET_RAW: " + ex.UserMessage);
            return null;
        }
    }
}
