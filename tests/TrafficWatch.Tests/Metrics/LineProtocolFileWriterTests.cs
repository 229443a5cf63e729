using TrafficWatch.Outputs.Metrics;

namespace TrafficWatch.Tests.Metrics;

public sealed class LineProtocolFileWriterTests
{
    [Fact]
    public async Task New_file_gets_the_import_header_once_and_appends_afterwards()
    {
        var path = Path.Combine(MetricTestData.TempDirectory(), "sub", "metrics.lp");
        await using (var writer = new LineProtocolFileWriter(path, "tw", "autogen"))
        {
            writer.Enqueue(MetricTestData.Traffic(["cam-1"], 2));
        }
        await using (var writer = new LineProtocolFileWriter(path, "tw", "autogen"))
        {
            writer.Enqueue(MetricTestData.Traffic(["cam-1"], 1, offset: 5));
            await writer.FlushAsync();
            Assert.Equal(0, writer.DroppedPoints);
        }
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(["# DDL", "CREATE DATABASE \"tw\"", "# DML", "# CONTEXT-DATABASE: tw", "# CONTEXT-RETENTION-POLICY: autogen"], lines[..5]);
        Assert.Equal(8, lines.Length);
        Assert.All(lines[5..], l => Assert.StartsWith("traffic,", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_points_are_counted_as_dropped()
    {
        var path = Path.Combine(MetricTestData.TempDirectory(), "metrics.lp");
        await using var writer = new LineProtocolFileWriter(path);
        Assert.False(writer.Enqueue([new MetricPoint("traffic", PacketTime.Zero)]));
        Assert.Equal(1, writer.DroppedPoints);
    }

    [Fact]
    public async Task Factory_uses_the_file_without_an_influx_url_and_http_with_one()
    {
        var path = Path.Combine(MetricTestData.TempDirectory(), "metrics.lp");
        await using (var file = MetricWriterFactory.Create(new InfluxOptions { Url = null, Database = "tw" }, path))
        {
            Assert.IsType<LineProtocolFileWriter>(file);
        }
        var options = new InfluxOptions { Url = "http://127.0.0.1:1", SpoolDirectory = MetricTestData.TempDirectory() };
        await using var http = MetricWriterFactory.Create(options, path);
        Assert.IsType<InfluxHttpWriter>(http);
    }
}
