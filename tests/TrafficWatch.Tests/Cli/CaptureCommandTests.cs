using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TrafficWatch.Tests.Capture;

namespace TrafficWatch.Tests.Cli;

/// <summary>The <c>capture</c> command on the loopback interface (tests run as root, like CI).</summary>
public sealed class CaptureCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_unknown_interface_gives_one_line_and_exit_code_3()
    {
        var result = TrafficWatchProcess.RunIn(_dir.Path, "capture", "--interface", "nosuchif0", "--eve", _dir.File("eve.json"));

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("nosuchif0", line, StringComparison.Ordinal);
        Assert.Contains("lo", line, StringComparison.Ordinal);             // lists the interfaces that exist
    }

    [Fact]
    public async Task Sigterm_stops_a_live_capture_and_flushes_its_flows()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return;     // needs CAP_NET_RAW: CI runs as root
        }
        var port = FreeUdpPort();
        var eve = _dir.File("eve.json");
        using var process = TrafficWatchProcess.StartIn(_dir.Path, "capture", "--interface", "lo", "--filter", $"udp port {port}", "--eve", eve);
        var stderr = process.StandardError.ReadToEndAsync();
        using var client = new UdpClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        // Keep sending until the capture is up and the file shows nothing is lost at shutdown.
        for (var i = 0; i < 40 && DateTime.UtcNow < deadline; i++)
        {
            client.Send(new byte[32], 32, new IPEndPoint(IPAddress.Loopback, port));
            Thread.Sleep(100);
        }
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "capture did not stop on SIGTERM");

        var errors = await stderr;
        Assert.True(process.ExitCode == 0, errors);
        var flow = JsonDocument.Parse(Assert.Single(File.ReadAllLines(eve))).RootElement;
        Assert.Equal("UDP", flow.GetProperty("proto").GetString());
        Assert.Equal(port, flow.GetProperty("dest_port").GetInt32());
        Assert.Equal("shutdown", flow.GetProperty("flow").GetProperty("reason").GetString());
        Assert.InRange(flow.GetProperty("flow").GetProperty("pkts_toserver").GetInt32(), 1, 40);
        Assert.Contains("drops     kernel", errors, StringComparison.Ordinal);
    }

    private static int FreeUdpPort()
    {
        using var socket = new UdpClient(0);
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }
}
