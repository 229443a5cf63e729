using System.Diagnostics;
using TrafficWatch.Outputs.Metrics;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Metrics;

/// <summary>Writes through the real InfluxDB 1.x (influxd started by <see cref="InfluxServerFixture"/>) and
/// reads back with InfluxQL. Each test uses its own database.</summary>
public sealed class InfluxV1IntegrationTests(InfluxServerFixture server, ITestOutputHelper output) : IClassFixture<InfluxServerFixture>
{
    private static readonly string[] HostileDevices =
    [
        "cam-1",
        "cam,2",
        "cam 3",
        "cam=4",
        "cam\"5\"",
        "cam\n6",
        "cam\r\n7",
        "Kamera-Ø-日本-🎥",
        "back\\slash",
        "trail\\",
        new string('x', 1000),
    ];

    // What InfluxDB stores for each: control characters become spaces, long values are cut, a trailing backslash becomes '/'.
    private static readonly string[] StoredDevices =
    [
        "cam-1",
        "cam,2",
        "cam 3",
        "cam=4",
        "cam\"5\"",
        "cam 6",
        "cam  7",
        "Kamera-Ø-日本-🎥",
        "back\\slash",
        "trail/",
        new string('x', LineProtocol.MaxTagValueLength),
    ];

    private bool Skip()
    {
        if (server.Available)
        {
            return false;
        }
        output.WriteLine(server.UnavailableReason);
        return true;
    }

    private InfluxOptions Options(string database, string? spool = null) => new()
    {
        Url = server.Url,
        Database = database,
        BatchSize = 500,
        FlushInterval = TimeSpan.FromMilliseconds(200),
        SpoolDirectory = spool ?? MetricTestData.TempDirectory(),
        MaxAttempts = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        Timeout = TimeSpan.FromSeconds(5),
    };

    private Task<Dictionary<string, long>> SumsAsync(string database) =>
        server.QueryGroupedAsync(database, $"SELECT sum(\"{MetricSchema.Fields.Bytes}\") FROM \"{MetricSchema.Measurements.Traffic}\" GROUP BY \"{MetricSchema.Tags.Device}\"", MetricSchema.Tags.Device);

    private Task<long> CountAsync(string database) =>
        server.QueryScalarAsync(database, $"SELECT count(\"{MetricSchema.Fields.Bytes}\") FROM \"{MetricSchema.Measurements.Traffic}\"");

    [Fact]
    public async Task Points_written_through_v1_sum_exactly_per_device_including_hostile_tag_values()
    {
        if (Skip())
        {
            return;
        }
        const string db = "tw_sums";
        await server.CreateDatabaseAsync(db);
        var points = MetricTestData.Traffic(HostileDevices, intervals: 150);

        await using (var writer = new InfluxHttpWriter(Options(db)))
        {
            Assert.True(writer.Enqueue(points));
            await writer.FlushAsync();
            Assert.Equal(InfluxProtocol.V1, writer.ActiveProtocol); // detected from influxd 1.6's /ping
            Assert.Equal(0, writer.WriteErrors);
            Assert.Equal(0, writer.DroppedPoints);
            Assert.Equal(0, writer.SpoolBytes);
        }

        Assert.Equal(MetricTestData.ExpectedSums(StoredDevices, 150), await SumsAsync(db));
        Assert.Equal(points.Count, await CountAsync(db));
    }

    [Fact]
    public async Task Replaying_the_same_points_twice_overwrites_instead_of_doubling()
    {
        if (Skip())
        {
            return;
        }
        const string db = "tw_replay";
        await server.CreateDatabaseAsync(db);
        string[] devices = ["cam-1", "cam-2", "nvr"];
        for (var run = 0; run < 2; run++)
        {
            await using var writer = new InfluxHttpWriter(Options(db));
            writer.Enqueue(MetricTestData.Traffic(devices, intervals: 100));
            await writer.FlushAsync();
        }

        Assert.Equal(MetricTestData.ExpectedSums(devices, 100), await SumsAsync(db));
        Assert.Equal(300, await CountAsync(db));
    }

    [Fact]
    public async Task Outage_spools_batches_and_every_point_arrives_once_the_server_is_back()
    {
        if (Skip())
        {
            return;
        }
        const string db = "tw_outage";
        await server.CreateDatabaseAsync(db);
        string[] devices = ["cam-1", "cam-2"];
        var options = Options(db);
        options.MaxAttempts = 1;
        await using var writer = new InfluxHttpWriter(options);
        writer.Enqueue(MetricTestData.Traffic(devices, 50, offset: 0));
        await writer.FlushAsync();
        Assert.Equal(0, writer.SpoolBytes);

        server.Stop();
        try
        {
            for (var batch = 1; batch <= 4; batch++)
            {
                writer.Enqueue(MetricTestData.Traffic(devices, 50, offset: batch * 50));
                await writer.FlushAsync();
            }
            Assert.True(writer.SpoolBytes > 0, "batches should be in the spool while influxd is down");
            Assert.Equal(4, writer.SpoolFiles);
        }
        finally
        {
            server.Start();
        }

        var wait = Stopwatch.StartNew();
        while (writer.SpoolBytes > 0 && wait.Elapsed < TimeSpan.FromSeconds(20))
        {
            await writer.FlushAsync();
            await Task.Delay(50);
        }
        Assert.Equal(0, writer.SpoolBytes);
        Assert.Equal(0, writer.DroppedPoints);
        Assert.Equal(500, await CountAsync(db));
        Assert.Equal(MetricTestData.ExpectedSums(devices, 250), await SumsAsync(db));
    }

    [Fact]
    public async Task A_new_writer_sends_the_spool_an_earlier_run_left_behind()
    {
        if (Skip())
        {
            return;
        }
        const string db = "tw_restart";
        await server.CreateDatabaseAsync(db);
        string[] devices = ["cam-9"];
        var spool = MetricTestData.TempDirectory();

        // Run 1: the server is unreachable (nothing listens on that port); points end in the spool at shutdown.
        var dead = Options(db, spool);
        dead.Url = $"http://127.0.0.1:{InfluxServerFixture.FreePort()}";
        dead.Protocol = InfluxProtocol.V1;
        dead.MaxAttempts = 1;
        await using (var first = new InfluxHttpWriter(dead))
        {
            first.Enqueue(MetricTestData.Traffic(devices, 40, offset: 0));
            await first.FlushAsync();
            first.Enqueue(MetricTestData.Traffic(devices, 40, offset: 40));
        }
        Assert.Equal(2, Directory.GetFiles(spool, "*.lp").Length);

        // Run 2: same spool directory, server reachable: the spool goes out first.
        await using (var second = new InfluxHttpWriter(Options(db, spool)))
        {
            await second.FlushAsync();
            Assert.Equal(0, second.SpoolBytes);
        }
        Assert.Empty(Directory.GetFiles(spool));
        Assert.Equal(MetricTestData.ExpectedSums(devices, 80), await SumsAsync(db));
    }

    [Fact]
    public async Task Line_protocol_file_imports_with_the_influx_cli_and_sums_match()
    {
        if (Skip())
        {
            return;
        }
        if (!server.CliAvailable)
        {
            output.WriteLine($"SKIPPED: {InfluxServerFixture.InfluxCliPath} not installed; import not tested.");
            return;
        }
        const string db = "tw_import";
        var path = Path.Combine(MetricTestData.TempDirectory(), "metrics.lp");
        var points = MetricTestData.Traffic(HostileDevices, intervals: 30);
        await using (var writer = new LineProtocolFileWriter(path, db))
        {
            writer.Enqueue(points[..(points.Count / 2)]);
            await writer.FlushAsync();
            writer.Enqueue(points[(points.Count / 2)..]);
        }
        Assert.StartsWith("# DDL\nCREATE DATABASE \"tw_import\"\n# DML\n# CONTEXT-DATABASE: tw_import\n", await File.ReadAllTextAsync(path), StringComparison.Ordinal);

        var info = new ProcessStartInfo(InfluxServerFixture.InfluxCliPath,
            ["-host", "127.0.0.1", "-port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-import", "-path=" + path, "-precision=ns"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(30_000), "influx -import did not finish");
        output.WriteLine(await stdout + await stderr);
        Assert.Equal(0, process.ExitCode);

        Assert.Equal(MetricTestData.ExpectedSums(StoredDevices, 30), await SumsAsync(db));
    }
}
