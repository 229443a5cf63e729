using TrafficWatch.Outputs.Metrics;

namespace TrafficWatch.Tests.Metrics;

/// <summary>Spool behaviour with no server at all (a port nothing listens on).</summary>
public sealed class MetricSpoolTests
{
    private static InfluxOptions DeadServer(string spool) => new()
    {
        Url = $"http://127.0.0.1:{InfluxServerFixture.FreePort()}",
        Protocol = InfluxProtocol.V1,
        BatchSize = 1000,
        SpoolDirectory = spool,
        MaxAttempts = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromSeconds(2),
    };

    private static long BatchBytes(List<MetricPoint> points)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        LineProtocol.WriteBatch(buffer, points);
        return buffer.WrittenCount;
    }

    [Fact]
    public async Task Spool_keeps_its_bound_by_dropping_the_oldest_batches_and_counting_them()
    {
        var spool = MetricTestData.TempDirectory();
        var options = DeadServer(spool);
        var batchBytes = BatchBytes(MetricTestData.Traffic(["cam-1"], 10, offset: 100));
        options.SpoolMaxBytes = (3 * batchBytes) + (batchBytes / 2); // room for three batches

        await using var writer = new InfluxHttpWriter(options);
        for (var batch = 0; batch < 10; batch++)
        {
            var points = MetricTestData.Traffic(["cam-1"], 10, offset: 100 + batch); // same width every time
            Assert.Equal(batchBytes, BatchBytes(points));
            writer.Enqueue(points);
            await writer.FlushAsync();
        }

        var files = Directory.GetFiles(spool, "*.lp");
        Array.Sort(files, StringComparer.Ordinal);
        Assert.Equal(3, files.Length);
        Assert.True(writer.SpoolBytes <= options.SpoolMaxBytes);
        Assert.Equal(70, writer.DroppedPoints);
        Assert.StartsWith("0000000000000007-10", Path.GetFileName(files[0]), StringComparison.Ordinal); // the newest three survive
        Assert.StartsWith("0000000000000009-10", Path.GetFileName(files[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_queue_overflows_into_the_spool_and_loses_nothing()
    {
        var spool = MetricTestData.TempDirectory();
        var options = DeadServer(spool);
        options.QueueCapacity = 10;
        options.FlushInterval = TimeSpan.FromMinutes(5);

        await using (var writer = new InfluxHttpWriter(options))
        {
            Assert.True(writer.Enqueue(MetricTestData.Traffic(["cam-1", "cam-2"], 50))); // 100 points, 10 fit in memory
            await writer.FlushAsync();
            Assert.Equal(0, writer.DroppedPoints);
        }

        var spooled = 0;
        foreach (var file in Directory.GetFiles(spool, "*.lp"))
        {
            spooled += File.ReadAllLines(file).Length;
        }
        Assert.Equal(100, spooled);
    }

    [Fact]
    public async Task Points_still_queued_at_shutdown_are_spooled_not_lost()
    {
        var spool = MetricTestData.TempDirectory();
        var options = DeadServer(spool);
        options.FlushInterval = TimeSpan.FromMinutes(5);
        await using (var writer = new InfluxHttpWriter(options))
        {
            writer.Enqueue(MetricTestData.Traffic(["cam-1"], 7));
        }
        var file = Assert.Single(Directory.GetFiles(spool, "*.lp"));
        Assert.Equal(7, File.ReadAllLines(file).Length);
        Assert.EndsWith("-7.lp", file, StringComparison.Ordinal);
    }

    [Fact]
    public void Unfinished_temp_files_are_discarded_and_numbering_continues_after_a_crash()
    {
        var spool = MetricTestData.TempDirectory();
        File.WriteAllText(Path.Combine(spool, "0000000000000004-2.lp"), "m x=1i 1\nm x=2i 2\n");
        File.WriteAllText(Path.Combine(spool, "0000000000000005-1.lp.tmp"), "m x=3i 3");
        var log = new TestLogger<MetricSpool>();
        var store = new MetricSpool(spool, 1 << 20, log);
        Assert.Equal(1, store.Count);
        Assert.True(store.TryAppend("m x=4i 4\n"u8, 1));
        Assert.True(File.Exists(Path.Combine(spool, "0000000000000005-1.lp")));
        Assert.False(File.Exists(Path.Combine(spool, "0000000000000005-1.lp.tmp")));
        Assert.Contains(log.Entries, e => e.Id.Id == 5110);
    }
}
