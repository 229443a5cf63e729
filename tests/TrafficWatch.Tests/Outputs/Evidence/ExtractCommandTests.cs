using System.Globalization;
using TrafficWatch.Cli;
using TrafficWatch.Cli.Commands;
using TrafficWatch.Decode;
using TrafficWatch.Simulation;
using TrafficWatch.Tests.Capture;
using TrafficWatch.Tests.Cli;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Outputs.Evidence;

/// <summary><c>trafficwatch extract</c> on a simulated council network and on hand-written EVE alerts.</summary>
public sealed class ExtractCommandTests(ITestOutputHelper log, ExtractCommandTests.SimulatedCapture sim) : IClassFixture<ExtractCommandTests.SimulatedCapture>
{
    private readonly SimulatedCapture _sim = sim;

    /// <summary>One small simulated capture (default scenario: violations included) shared by the tests of this class.</summary>
    public sealed class SimulatedCapture : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public SimulatedCapture()
        {
            Result = new CityNetworkSimulator(new SimulationOptions
            {
                Scenario = SimulationScenarios.Default,
                Devices = 10,
                Duration = TimeSpan.FromMinutes(3),
                Seed = 11,
                CameraBitrateKbps = 16,
                OutputPath = _dir.File("city.pcap"),
            }).Run();
            Frames = EvidenceTools.Frames(Result.OutputPath);
        }

        public SimulationResult Result { get; }

        public List<(PacketTime Time, byte[] Data, int WireLength, LinkType LinkType)> Frames { get; }

        public string Path => Result.OutputPath;

        public string Directory => _dir.Path;

        public void Dispose() => _dir.Dispose();
    }

    private (int Code, string Err) Run(string outPath, long? flowId = null, string? device = null, long? alert = null, string? eve = null,
        string? from = null, string? to = null, params string[] inputs)
    {
        var err = new StringWriter();
        var code = ExtractCommand.Run(inputs.Length == 0 ? [_sim.Path] : inputs, outPath, flowId, device, alert, eve, from, to, null, err);
        log.WriteLine(err.ToString());
        return (code, err.ToString());
    }

    private int FramesOf(MacAddress mac, PacketTime? from = null, PacketTime? to = null)
        => _sim.Frames.Count(f => (MacAddress.Read(f.Data.AsSpan(6, 6)) == mac || MacAddress.Read(f.Data.AsSpan(0, 6)) == mac)
            && (from is not { } a || f.Time >= a) && (to is not { } b || f.Time < b));

    [Fact]
    public async Task Device_extracts_every_frame_to_or_from_the_mac()
    {
        using var temp = new TempDirectory();
        var device = _sim.Result.Devices[0];
        var outPath = temp.File("device.pcap");

        var (code, err) = Run(outPath, device: device.Mac.ToString().ToUpperInvariant());

        Assert.Equal(ExitCodes.Ok, code);
        var expected = FramesOf(device.Mac);
        Assert.True(expected > 10, $"only {expected} frames for {device.Mac}");
        Assert.Equal(expected, EvidenceTools.Frames(outPath).Count);
        Assert.Contains($"wrote {outPath}: {expected} packets", err, StringComparison.Ordinal);
        if (EvidenceTools.TsharkAvailable(log))
        {
            var (all, lines, stderr) = await EvidenceTools.TsharkCountAsync(outPath);
            Assert.True(all == 0, stderr);
            Assert.Equal(expected, lines);
            var (_, matching, _) = await EvidenceTools.TsharkCountAsync(outPath, "-Y", $"eth.addr == {device.Mac}");
            Assert.Equal(expected, matching);
        }
    }

    [Fact]
    public void Alert_with_a_flow_id_extracts_that_flow()
    {
        using var temp = new TempDirectory();
        var flow = EvidenceTools.FlowRecords(_sim.Path).Where(static r => r.Protocol == 6).MaxBy(static r => r.PktsToServer + r.PktsToClient);
        var eve = temp.File("eve.json");
        File.WriteAllLines(eve,
        [
            "{\"timestamp\":\"2025-06-02T08:00:00.000000+0000\",\"event_type\":\"flow\",\"flow_id\":5}",
            "not json at all",
            string.Create(CultureInfo.InvariantCulture,
                $"{{\"timestamp\":\"2025-06-02T08:01:00.000000+0000\",\"event_type\":\"alert\",\"flow_id\":{flow.FlowId},\"alert\":{{\"id\":777,\"signature_id\":9000003,\"signature\":\"<b>x</b>\",\"category\":\"Policy Violation\",\"severity\":1,\"rule\":\"vendor-cloud\"}},\"device\":{{\"mac\":\"{flow.SrcMac}\"}},\"first_seen\":\"2025-06-02T08:00:00.000000+0000\",\"last_seen\":\"2025-06-02T08:00:01.000000+0000\"}}"),
        ]);
        var outPath = temp.File("alert.pcap");

        var (code, _) = Run(outPath, alert: 777, eve: eve);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(flow.PktsToServer + flow.PktsToClient, EvidenceTools.Frames(outPath).Count);
    }

    [Fact]
    public void Alert_without_a_flow_extracts_the_device_between_first_and_last_seen()
    {
        using var temp = new TempDirectory();
        var device = _sim.Result.Devices[1];
        var first = new PacketTime(_sim.Frames[0].Time.Nanoseconds + 30 * PacketTime.NanosPerSecond);
        var last = new PacketTime(first.Nanoseconds + 60 * PacketTime.NanosPerSecond);
        var eve = temp.File("eve.json");
        File.WriteAllLines(eve,
        [
            $"{{\"timestamp\":\"{first.ToEveString()}\",\"event_type\":\"alert\",\"alert\":{{\"id\":4242,\"signature_id\":9000006,\"signature\":\"rogue\",\"category\":\"Policy Violation\",\"severity\":1,\"rule\":\"rogue-device\"}},\"device\":{{\"mac\":\"{device.Mac}\"}},\"first_seen\":\"{first.ToEveString()}\",\"last_seen\":\"{last.ToEveString()}\"}}",
        ]);
        var outPath = temp.File("alert.pcap");

        var (code, _) = Run(outPath, alert: 4242, eve: eve);

        Assert.Equal(ExitCodes.Ok, code);
        var expected = FramesOf(device.Mac, first, new PacketTime(last.Nanoseconds + 1_000));
        Assert.True(expected > 0);
        Assert.True(expected < FramesOf(device.Mac));
        var written = EvidenceTools.Frames(outPath);
        Assert.Equal(expected, written.Count);
        Assert.All(written, f => Assert.InRange(f.Time.Nanoseconds, first.Nanoseconds, last.Nanoseconds));
    }

    [Fact]
    public void An_unknown_alert_id_is_a_usage_error_in_one_line()
    {
        using var temp = new TempDirectory();
        var eve = temp.File("eve.json");
        File.WriteAllText(eve, "{\"event_type\":\"alert\",\"alert\":{\"id\":1},\"flow_id\":2}\n");

        var (code, err) = Run(temp.File("x.pcap"), alert: 99, eve: eve);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"trafficwatch: no alert with id 99 in {eve}{Environment.NewLine}", err);
        Assert.False(File.Exists(temp.File("x.pcap")));
    }

    [Theory]
    [InlineData(null, null, null, "trafficwatch: extract needs exactly one of --flow-id ID, --device MAC or --alert ID")]
    [InlineData(1L, "00:11:22:33:44:55", null, "trafficwatch: extract needs exactly one of --flow-id ID, --device MAC or --alert ID")]
    [InlineData(null, "not-a-mac\u001b[2J", null, "trafficwatch: --device 'not-a-mac?[2J' is not a MAC address like 00:11:22:33:44:55")]
    public void Bad_selectors_are_usage_errors(long? flowId, string? device, long? alert, string message)
    {
        using var temp = new TempDirectory();

        var (code, err) = Run(temp.File("x.pcap"), flowId, device, alert);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(message + Environment.NewLine, err);
    }

    [Fact]
    public void A_missing_input_is_exit_code_2_naming_the_file()
    {
        using var temp = new TempDirectory();
        var missing = temp.File("missing.pcap");

        var (code, err) = Run(temp.File("x.pcap"), device: "00:11:22:33:44:55", inputs: missing);

        Assert.Equal(ExitCodes.InputErrors, code);
        Assert.Contains(missing, err, StringComparison.Ordinal);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void An_unwritable_output_is_exit_code_3()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("blocker"), "file");
        var outPath = Path.Combine(temp.File("blocker"), "x.pcap");

        var (code, err) = Run(outPath, device: _sim.Result.Devices[0].Mac.ToString());

        Assert.Equal(ExitCodes.CannotStart, code);
        Assert.StartsWith($"trafficwatch: cannot write {outPath}: ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_program_has_the_extract_verb()
    {
        using var temp = new TempDirectory();
        var outPath = temp.File("cli.pcap");
        var device = _sim.Result.Devices[0];

        var result = TrafficWatchProcess.RunIn(temp.Path, "extract", _sim.Path, "--out", outPath, "--device", device.Mac.ToString());

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(FramesOf(device.Mac), EvidenceTools.Frames(outPath).Count);
    }
}
