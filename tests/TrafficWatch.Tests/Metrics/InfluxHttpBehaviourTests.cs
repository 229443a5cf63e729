using System.Diagnostics;
using System.Text;
using TrafficWatch.Outputs.Metrics;

namespace TrafficWatch.Tests.Metrics;

/// <summary>Protocol details against a local HttpListener that records requests: Retry-After, v2 requests,
/// /ping detection, rejected batches, and secrets kept out of logs.</summary>
public sealed class InfluxHttpBehaviourTests
{
    private const string Token = "xyz-secret-token-7f3a";
    private const string Password = "pa55-w0rd-9c1e";

    private static InfluxOptions Options(string url, InfluxProtocol protocol = InfluxProtocol.Auto) => new()
    {
        Url = url,
        Protocol = protocol,
        Database = "trafficwatch",
        BatchSize = 1000,
        FlushInterval = TimeSpan.FromMilliseconds(100),
        SpoolDirectory = MetricTestData.TempDirectory(),
        MaxAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(100),
        Timeout = TimeSpan.FromSeconds(5),
    };

    private static List<MetricPoint> SomePoints(int intervals = 5) => MetricTestData.Traffic(["cam-1", "cam-2"], intervals);

    private static string Body(IReadOnlyList<MetricPoint> points)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        LineProtocol.WriteBatch(buffer, points);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public async Task Retry_after_on_503_is_honoured_before_the_next_attempt()
    {
        await using var fake = new FakeInfluxEndpoint("1.8.10", new FakeResponse(503, "{\"error\":\"busy\"}", RetryAfterSeconds: 1), new FakeResponse(204));
        var points = SomePoints();
        await using var writer = new InfluxHttpWriter(Options(fake.Url, InfluxProtocol.V1));
        writer.Enqueue(points);
        await writer.FlushAsync();

        var writes = fake.Writes;
        Assert.Equal(2, writes.Count);
        var gap = writes[1].ReceivedAt - writes[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"second attempt after {gap.TotalMilliseconds} ms; Retry-After asked for 1 s");
        Assert.Equal(Body(points), writes[1].Body);
        Assert.Equal(0, writer.SpoolBytes);
        Assert.Equal(0, writer.DroppedPoints);
    }

    [Fact]
    public async Task V1_writes_go_to_write_with_db_rp_precision_and_basic_auth()
    {
        await using var fake = new FakeInfluxEndpoint("1.8.10");
        var options = Options(fake.Url);
        options.RetentionPolicy = "autogen";
        options.Username = "tw";
        options.Password = Password;
        var points = SomePoints();
        await using var writer = new InfluxHttpWriter(options);
        writer.Enqueue(points);
        await writer.FlushAsync();

        Assert.Equal(InfluxProtocol.V1, writer.ActiveProtocol);
        var write = Assert.Single(fake.Writes);
        Assert.Equal("POST", write.Method);
        Assert.Equal("/write", write.Path);
        Assert.Equal("trafficwatch", write.Query["db"]);
        Assert.Equal("autogen", write.Query["rp"]);
        Assert.Equal("ns", write.Query["precision"]);
        Assert.Null(write.Query["p"]); // never in the URL
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("tw:" + Password)), write.Headers["Authorization"]);
        Assert.Equal(Body(points), write.Body);
    }

    [Fact]
    public async Task V2_writes_go_to_api_v2_write_with_org_bucket_precision_and_token()
    {
        await using var fake = new FakeInfluxEndpoint("v2.7.4");
        var options = Options(fake.Url);
        options.Org = "council";
        options.Bucket = "traffic";
        options.Token = "xyz";
        var points = SomePoints();
        await using var writer = new InfluxHttpWriter(options);
        writer.Enqueue(points);
        await writer.FlushAsync();

        Assert.Equal(InfluxProtocol.V2, writer.ActiveProtocol);
        var write = Assert.Single(fake.Writes);
        Assert.Equal("POST", write.Method);
        Assert.Equal("/api/v2/write", write.Path);
        Assert.Equal("council", write.Query["org"]);
        Assert.Equal("traffic", write.Query["bucket"]);
        Assert.Equal("ns", write.Query["precision"]);
        Assert.Equal("Token xyz", write.Headers["Authorization"]);
        Assert.Equal(Body(points).TrimEnd('\n'), write.Body.TrimEnd('\n'));
        Assert.Equal(0, writer.SpoolBytes);
    }

    [Theory]
    [InlineData("1.6.7~rc0", null, null, InfluxProtocol.V1)]
    [InlineData("1.8.10", "org", "bucket", InfluxProtocol.V1)]
    [InlineData("v2.7.4", "org", "bucket", InfluxProtocol.V2)]
    [InlineData("2.7.4", "org", "bucket", InfluxProtocol.V2)]
    [InlineData("3.0.1", "org", "bucket", InfluxProtocol.V2)]
    [InlineData("v2.7.4", null, null, InfluxProtocol.V1)]
    [InlineData(null, null, null, InfluxProtocol.V1)]
    public void Ping_version_chooses_the_protocol(string? version, string? org, string? bucket, InfluxProtocol expected)
    {
        var options = new InfluxOptions { Url = "http://x", Org = org, Bucket = bucket, Token = "t" };
        Assert.Equal(expected, InfluxProtocolDetector.Choose(version, options));
    }

    [Fact]
    public void V1_credentials_keep_v1_on_a_2x_server()
    {
        var options = new InfluxOptions { Url = "http://x", Org = "o", Bucket = "b", Username = "u", Password = "p" };
        Assert.Equal(InfluxProtocol.V1, InfluxProtocolDetector.Choose("2.7.4", options));
    }

    [Theory]
    [InlineData("1.8.10", InfluxProtocol.V1, "/write")]
    [InlineData("2.7.4", InfluxProtocol.V2, "/api/v2/write")]
    public async Task Ping_detection_against_a_server_picks_the_write_api(string version, InfluxProtocol expected, string path)
    {
        await using var fake = new FakeInfluxEndpoint(version);
        var options = Options(fake.Url);
        options.Org = "o";
        options.Bucket = "b";
        options.Token = "t";
        await using var writer = new InfluxHttpWriter(options);
        writer.Enqueue(SomePoints(1));
        await writer.FlushAsync();

        Assert.Equal(expected, writer.ActiveProtocol);
        Assert.Equal("/ping", fake.Requests[0].Path);
        Assert.Equal(path, Assert.Single(fake.Writes).Path);
    }

    [Fact]
    public async Task Bad_data_400_is_counted_and_not_retried()
    {
        const string error = "{\"error\":\"partial write: unable to parse 'traffic,device=x bytes=1i,bytes=2i 1': duplicate field dropped=1\"}";
        await using var fake = new FakeInfluxEndpoint("1.8.10", new FakeResponse(400, error));
        var log = new TestLogger<InfluxHttpWriter>();
        await using var writer = new InfluxHttpWriter(Options(fake.Url, InfluxProtocol.V1), log);
        writer.Enqueue(SomePoints());
        await writer.FlushAsync();

        Assert.Single(fake.Writes);
        Assert.Equal(1, writer.WriteErrors);
        Assert.Equal(1, writer.DroppedPoints);
        Assert.Equal(0, writer.SpoolBytes);
        Assert.Contains(log.Entries, e => e.Id.Id == 5106 && e.Text.Contains("unable to parse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secrets_never_appear_in_logs_even_when_the_server_echoes_them()
    {
        var log = new TestLogger<InfluxHttpWriter>();
        var tokenEcho = $"{{\"error\":\"authorization failed for token {Token}\"}}";
        await using (var fake = new FakeInfluxEndpoint("1.8.10",
            new FakeResponse(401, tokenEcho), new FakeResponse(500, tokenEcho), new FakeResponse(400, tokenEcho)))
        {
            var options = Options(fake.Url);
            options.Token = Token;
            options.MaxAttempts = 2;
            await using var writer = new InfluxHttpWriter(options, log);
            writer.Enqueue(SomePoints());
            await writer.FlushAsync();
            writer.Enqueue(SomePoints());
            await writer.FlushAsync();
            Assert.True(writer.WriteErrors > 0);
        }

        var basicAuth = Convert.ToBase64String(Encoding.UTF8.GetBytes("tw:" + Password));
        var passwordEcho = $"{{\"error\":\"bad credentials tw:{Password} ({basicAuth})\"}}";
        await using (var fake = new FakeInfluxEndpoint("1.8.10",
            new FakeResponse(403, passwordEcho), new FakeResponse(503, passwordEcho, RetryAfterSeconds: 0), new FakeResponse(422, passwordEcho)))
        {
            var options = Options(fake.Url);
            options.Username = "tw";
            options.Password = Password;
            options.MaxAttempts = 2;
            await using var writer = new InfluxHttpWriter(options, log);
            writer.Enqueue(SomePoints());
            await writer.FlushAsync();
            writer.Enqueue(SomePoints());
            await writer.FlushAsync();
        }

        var dead = Options($"http://127.0.0.1:{InfluxServerFixture.FreePort()}");
        dead.Username = "tw";
        dead.Password = Password;
        dead.MaxAttempts = 2;
        await using (var writer = new InfluxHttpWriter(dead, log))
        {
            writer.Enqueue(SomePoints());
            await writer.FlushAsync();
        }

        var all = log.AllText;
        Assert.Contains("***", all, StringComparison.Ordinal); // the echoes were logged, masked
        Assert.Contains(log.Entries, e => e.Id.Id == 5103); // the dead server was reported too
        Assert.DoesNotContain(Token, all, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, all, StringComparison.Ordinal);
        Assert.DoesNotContain(basicAuth, all, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_give_one_line_errors_without_secrets()
    {
        var options = new InfluxOptions
        {
            Url = $"http://admin:{Password}@influx:8086",
            Protocol = InfluxProtocol.V2,
            Token = null,
            BatchSize = 0,
            SpoolMaxBytes = -1,
            Password = Password,
        };
        var errors = options.Validate();
        Assert.Contains(errors, e => e.Contains("must not contain credentials", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Influx:Token is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Influx:BatchSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Influx:Username is required", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain('\n', e));
        Assert.All(errors, e => Assert.DoesNotContain(Password, e, StringComparison.Ordinal));
        var thrown = Assert.Throws<ArgumentException>(() => new InfluxHttpWriter(options));
        Assert.DoesNotContain(Password, thrown.Message, StringComparison.Ordinal);
        Assert.Empty(new InfluxOptions { Url = "http://influx:8086" }.Validate());
    }

    [Fact]
    public async Task Batches_are_cut_by_size_without_a_flush()
    {
        await using var fake = new FakeInfluxEndpoint("1.8.10");
        var options = Options(fake.Url, InfluxProtocol.V1);
        options.BatchSize = 10;
        options.FlushInterval = TimeSpan.FromMinutes(5);
        await using var writer = new InfluxHttpWriter(options);
        writer.Enqueue(MetricTestData.Traffic(["cam-1"], 25));

        var wait = Stopwatch.StartNew();
        while (fake.Writes.Count < 2 && wait.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }
        Assert.Equal(2, fake.Writes.Count); // two full batches; the last 5 points wait for the interval
        Assert.All(fake.Writes, w => Assert.Equal(10, w.Body.Count(static c => c == '\n')));
        await writer.FlushAsync();
        Assert.Equal(5, fake.Writes[2].Body.Count(static c => c == '\n'));
    }

    [Fact]
    public async Task Batches_are_cut_by_time_measured_with_the_injected_clock()
    {
        await using var fake = new FakeInfluxEndpoint("1.8.10");
        var options = Options(fake.Url, InfluxProtocol.V1);
        options.FlushInterval = TimeSpan.FromSeconds(30);
        var clock = new ManualTimeProvider();
        await using var writer = new InfluxHttpWriter(options, null, clock);
        writer.Enqueue(MetricTestData.Traffic(["cam-1"], 3));

        await Task.Delay(300);
        Assert.Empty(fake.Writes); // 30 s of (manual) time have not passed
        clock.Advance(TimeSpan.FromSeconds(31));
        var wait = Stopwatch.StartNew();
        while (fake.Writes.Count == 0 && wait.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }
        Assert.Equal(3, Assert.Single(fake.Writes).Body.Count(static c => c == '\n'));
    }

    [Fact]
    public async Task After_dispose_enqueue_is_counted_as_dropped_and_flush_returns()
    {
        await using var fake = new FakeInfluxEndpoint("1.8.10");
        var writer = new InfluxHttpWriter(Options(fake.Url, InfluxProtocol.V1));
        writer.Enqueue(SomePoints(2));
        await writer.DisposeAsync();
        Assert.Single(fake.Writes); // disposing sent what was queued

        Assert.False(writer.Enqueue(SomePoints(3)));
        Assert.Equal(6, writer.DroppedPoints);
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task V2_429_with_retry_after_is_retried_and_400_is_rejected()
    {
        await using var fake = new FakeInfluxEndpoint("2.7.4",
            new FakeResponse(429, "{\"code\":\"too many requests\"}", RetryAfterSeconds: 1), new FakeResponse(204),
            new FakeResponse(400, "{\"code\":\"invalid\",\"message\":\"unable to parse line 3\"}"));
        var options = Options(fake.Url);
        options.Org = "o";
        options.Bucket = "b";
        options.Token = "t";
        await using var writer = new InfluxHttpWriter(options);
        writer.Enqueue(SomePoints());
        await writer.FlushAsync();
        var writes = fake.Writes;
        Assert.Equal(2, writes.Count);
        Assert.True(writes[1].ReceivedAt - writes[0].ReceivedAt >= TimeSpan.FromMilliseconds(950));

        writer.Enqueue(SomePoints());
        await writer.FlushAsync();
        Assert.Equal(3, fake.Writes.Count); // rejected once, not retried
        Assert.Equal(1, writer.WriteErrors);
        Assert.Equal(10, writer.DroppedPoints);
        Assert.Equal(0, writer.SpoolBytes);
    }
}
