using System.Diagnostics;
using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Outputs.Eve;
using TrafficWatch.Flows;
using TrafficWatch.Outputs.Metrics;
using TrafficWatch.Pipeline;
using TrafficWatch.Simulation;
using TrafficWatch.Tests.Support;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Metrics;

/// <summary>
/// A replay through the whole pipeline into a real influxd (1.6, v1 /write): the stored <c>traffic</c> bytes per
/// device equal, exactly, the bytes of the flow records attributed to that device, and so does the total. The same
/// holds when influxd is stopped in the middle of the replay and started again before its end: every point arrives
/// exactly once (spooled while down, sent in order when back).
/// </summary>
public sealed class ReplayToInfluxTests(InfluxServerFixture server, ITestOutputHelper output) : IClassFixture<InfluxServerFixture>
{
    [Theory]
    [InlineData("tw_replay_up", false)]
    [InlineData("tw_replay_outage", true)]
    public async Task Traffic_bytes_per_device_in_influxd_equal_the_flow_records_bytes(string database, bool outage)
    {
        if (!server.Available)
        {
            output.WriteLine(server.UnavailableReason);
            return;
        }
        await server.CreateDatabaseAsync(database);
        var dir = MetricTestData.TempDirectory();
        var capture = new CityNetworkSimulator(new SimulationOptions
        {
            Scenario = "vendor-cloud",
            Devices = 10,
            Duration = TimeSpan.FromMinutes(6),
            Seed = 11,
            CameraBitrateKbps = 24,
            OutputPath = Path.Combine(dir, "city.pcap"),
        }).Run().OutputPath;

        var options = new InfluxOptions
        {
            Url = server.Url,
            Database = database,
            BatchSize = 200,
            FlushInterval = TimeSpan.FromMilliseconds(100),
            SpoolDirectory = Path.Combine(dir, "spool"),
            MaxAttempts = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(100),
            Timeout = TimeSpan.FromSeconds(2),
        };
        var eveStream = new MemoryStream();
        long spooledWhileDown = 0;
        await using (var writer = new InfluxHttpWriter(options))
        {
            using var resources = AnalysisResources.Load(new AnalysisOptions());
            using var eve = new EveWriter(eveStream, ownsStream: false);
            using var file = CaptureFiles.Open(capture);
            var total = CountPackets(capture);
            using var source = new ActionAtPacketSource(file, [
                (total / 3, () => { if (outage) { server.Stop(); } }),
                (2 * total / 3, () =>
                {
                    if (outage)
                    {
                        WaitUntil(() => writer.SpoolBytes > 0, TimeSpan.FromSeconds(20));
                        spooledWhileDown = writer.SpoolBytes;
                        server.Start();
                    }
                }),
            ]);
            var session = new MonitorSession(source, resources, new AnalysisOptions(), new FlowTableOptions(), new PipelineOptions { Threads = 1 }, 10,
                new MonitorOutputs { Eve = eve, Metrics = writer, Sensor = "test-sensor" });
            session.Run();
            var wait = Stopwatch.StartNew();
            do
            {
                await writer.FlushAsync();
                if (writer.SpoolBytes == 0)
                {
                    break;
                }
                await Task.Delay(50);
            }
            while (wait.Elapsed < TimeSpan.FromSeconds(30));
            Assert.Equal(0, writer.SpoolBytes);
            Assert.Equal(0, writer.DroppedPoints);
            output.WriteLine($"{session.PointsWritten} points; {writer.WriteErrors} write errors; {spooledWhileDown} bytes spooled while influxd was down");
        }
        if (outage)
        {
            Assert.True(spooledWhileDown > 0, "the outage should have spooled points");
        }

        // What the EVE flow records say each device (the internal side, src_device or dest_device) sent and received.
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in System.Text.Encoding.UTF8.GetString(eveStream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var e = doc.RootElement;
            if (e.GetProperty("event_type").GetString() != "flow")
            {
                continue;
            }
            var device = e.TryGetProperty("src_device", out var src) ? src : e.GetProperty("dest_device");
            var key = device.GetProperty("mac").GetString()!;
            var flow = e.GetProperty("flow");
            expected[key] = expected.GetValueOrDefault(key) + flow.GetProperty("bytes_toserver").GetInt64() + flow.GetProperty("bytes_toclient").GetInt64();
        }
        var stored = await server.QueryGroupedAsync(database,
            $"SELECT sum(\"{MetricSchema.Fields.Bytes}\") FROM \"{MetricSchema.Measurements.Traffic}\" GROUP BY \"{MetricSchema.Tags.Device}\"",
            MetricSchema.Tags.Device);
        Assert.True(expected.Count >= 10, $"only {expected.Count} devices in the replay");
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), stored.OrderBy(p => p.Key, StringComparer.Ordinal));
        var sensorPackets = await server.QueryScalarAsync(database,
            $"SELECT sum(\"{MetricSchema.Fields.Packets}\") FROM \"{MetricSchema.Measurements.Sensor}\"");
        Assert.Equal(CountPackets(capture), sensorPackets);
    }

    private static long CountPackets(string path)
    {
        using var source = CaptureFiles.Open(path);
        long n = 0;
        while (source.Next(out _) == ReadStatus.Packet)
        {
            n++;
        }
        return n;
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < limit)
        {
            Thread.Sleep(20);
        }
    }

    /// <summary>Runs an action (on the reading thread) when the N-th packet is about to be returned.</summary>
    private sealed class ActionAtPacketSource(IPacketSource inner, IReadOnlyList<(long Packet, Action Action)> actions) : IPacketSource
    {
        private long _read;

        public string Description => inner.Description;
        public IReadOnlyList<CaptureError> Errors => inner.Errors;
        public CaptureStatistics Statistics => inner.Statistics;
        public long TotalBytes => inner.TotalBytes;
        public long ConsumedBytes => inner.ConsumedBytes;

        public ReadStatus Next(out RawFrame frame)
        {
            foreach (var (packet, action) in actions)
            {
                if (packet == _read)
                {
                    action();
                }
            }
            var status = inner.Next(out frame);
            if (status == ReadStatus.Packet)
            {
                _read++;
            }
            return status;
        }

        public void Stop() => inner.Stop();

        public void Dispose() => inner.Dispose();
    }
}
