using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrafficWatch.Decode;
using TrafficWatch.Detection;
using TrafficWatch.Outputs.Metrics;
using TrafficWatch.Pipeline;
using TrafficWatch.Tests.Metrics;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Grafana;

/// <summary>
/// Runs every dashboard query, with Grafana's variables substituted the way Grafana does, against a real influxd
/// (1.x, InfluxQL) holding points with the full schema: each query must parse and return data.
/// </summary>
public sealed partial class DashboardQueriesInfluxTests(InfluxServerFixture server, ITestOutputHelper output) : IClassFixture<InfluxServerFixture>
{
    private const string Database = "grafana_dashboards";
    private const int Intervals = 60;                   // 10 minutes of 10 s intervals, ending now
    private static readonly MacAddress Camera = new(0x4419_b600_0001UL);

    [Fact]
    public async Task Every_dashboard_query_runs_on_InfluxDB_and_returns_data_from_points_of_the_schema()
    {
        if (!server.Available)
        {
            output.WriteLine(server.UnavailableReason);
            return;
        }
        await server.CreateDatabaseAsync(Database);
        await WriteSampleAsync();

        var problems = new List<string>();
        var ran = 0;
        foreach (var (file, dashboard) in GrafanaFiles.Dashboards())
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var variable in GrafanaFiles.Variables(dashboard))
            {
                var name = variable.GetProperty("name").GetString()!;
                var query = Substitute(GrafanaFiles.VariableQuery(variable), values);
                var series = await RunAsync(query, $"{file} variable {name}", problems);
                ran++;
                // Grafana's "All" sends the variable's allValue; a single-value variable gets the first value.
                values[name] = variable.GetProperty("includeAll").GetBoolean()
                    ? variable.GetProperty("allValue").GetString()!
                    : FirstTagValue(series) ?? "none";
            }
            foreach (var panel in GrafanaFiles.Panels(dashboard))
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    var where = $"{file} panel \"{panel.GetProperty("title").GetString()}\" {target.GetProperty("refId").GetString()}";
                    var series = await RunAsync(Substitute(target.GetProperty("query").GetString()!, values), where, problems);
                    ran++;
                    if (series is { } s && !HasValue(s))
                    {
                        problems.Add($"{where}: no data");
                    }
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(ran >= 40, $"{ran} queries ran");
    }

    /// <summary>Grafana's substitution for InfluxQL: built-ins become time expressions, variables their values.</summary>
    private static string Substitute(string query, IReadOnlyDictionary<string, string> values) =>
        GrafanaVariable().Replace(query, m => m.Groups[1].Value switch
        {
            "timeFilter" => "time >= now() - 1h",
            "__interval" => "1m",
            "__interval_ms" => "60000",
            var name => values.TryGetValue(name, out var v) ? v : m.Value,
        });

    private async Task<JsonElement?> RunAsync(string query, string where, List<string> problems)
    {
        string body;
        try
        {
            body = await server.QueryRawAsync(Database, query, post: false);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"{where}: {ex.Message} [{query}]");
            return null;
        }
        using var doc = JsonDocument.Parse(body);
        var result = doc.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error))
        {
            problems.Add($"{where}: InfluxQL error {error.GetString()} [{query}]");
            return null;
        }
        if (!result.TryGetProperty("series", out var series))
        {
            problems.Add($"{where}: no series [{query}]");
            return null;
        }
        return series.Clone();
    }

    private static bool HasValue(JsonElement series) =>
        series.EnumerateArray().Any(s => s.GetProperty("values").EnumerateArray().Any(row => row.EnumerateArray().Skip(1).Any(v => v.ValueKind != JsonValueKind.Null)));

    private static string? FirstTagValue(JsonElement? series) =>
        series is { } s ? s[0].GetProperty("values")[0][1].GetString() : null;

    /// <summary>Points with every tag of the schema filled, written through the real line-protocol renderer;
    /// alerts through <see cref="AlertMetricsBuilder"/>.</summary>
    private async Task WriteSampleAsync()
    {
        var nowSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var last = PacketTime.FromSeconds(nowSeconds - (nowSeconds % 10));
        var points = new List<MetricPoint>();
        var lines = new ArrayBufferWriter<byte>();
        var alertFile = Path.Combine(MetricTestData.TempDirectory(), "alerts.lp");
        await using (var alertWriter = new LineProtocolFileWriter(alertFile, Database))
        {
            var alerts = new AlertMetricsBuilder(alertWriter);
            for (var i = 0; i < Intervals; i++)
            {
                var t = last.AddSeconds(-10 * (Intervals - 1 - i));
                foreach (var (direction, destClass, country, asn) in new[]
                {
                    ("out", "unapproved", "CN", "37963"),
                    ("out", "approved", "GB", "8075"),
                    ("out", "vendor-cloud", "NL", "16509"),
                    ("in", "unapproved", "CN", "37963"),
                    ("internal", "internal", string.Empty, string.Empty),
                })
                {
                    points.Add(new MetricPoint(MetricSchema.Measurements.Traffic, t)
                        .Tag(MetricSchema.Tags.Sensor, "sensor-1")
                        .Tag(MetricSchema.Tags.Zone, "cctv")
                        .Tag(MetricSchema.Tags.Vlan, "10")
                        .Tag(MetricSchema.Tags.Device, Camera.ToString())
                        .Tag(MetricSchema.Tags.DeviceName, "cam-entrance")
                        .Tag(MetricSchema.Tags.Vendor, "hikvision")
                        .Tag(MetricSchema.Tags.Class, "camera")
                        .Tag(MetricSchema.Tags.Direction, direction)
                        .Tag(MetricSchema.Tags.DestCountry, country)
                        .Tag(MetricSchema.Tags.DestAsn, asn)
                        .Tag(MetricSchema.Tags.DestClass, destClass)
                        .Field(MetricSchema.Fields.Bytes, 1_000L + i)
                        .Field(MetricSchema.Fields.Packets, 10L)
                        .Field(MetricSchema.Fields.Flows, 1L));
                }
                points.Add(new MetricPoint(MetricSchema.Measurements.Devices, t)
                    .Tag(MetricSchema.Tags.Zone, "cctv")
                    .Tag(MetricSchema.Tags.Vendor, "hikvision")
                    .Tag(MetricSchema.Tags.Class, "camera")
                    .Tag(MetricSchema.Tags.Registered, "true")
                    .Field(MetricSchema.Fields.Count, 1L));
                points.Add(new MetricPoint(MetricSchema.Measurements.Sensor, t)
                    .Tag(MetricSchema.Tags.Sensor, "sensor-1")
                    .Tag(MetricSchema.Tags.Interface, "eth1")
                    .Field(MetricSchema.Fields.Packets, 5_000L)
                    .Field(MetricSchema.Fields.Bytes, 4_000_000L)
                    .Field(MetricSchema.Fields.KernelDrops, 2L * i)          // cumulative counters
                    .Field(MetricSchema.Fields.QueueDrops, i)
                    .Field(MetricSchema.Fields.DecodeErrors, 1L)
                    .Field(MetricSchema.Fields.ActiveFlows, 300L)
                    .Field(MetricSchema.Fields.EvictedFlows, 0L)
                    .Field(MetricSchema.Fields.WriteErrors, i / 10)
                    .Field(MetricSchema.Fields.SpoolBytes, 0L));
                foreach (var severity in new[] { AlertSeverity.High, AlertSeverity.Low })
                {
                    alerts.OnAlert(new Alert
                    {
                        Rule = severity == AlertSeverity.High ? "unapproved-destination" : "new-device",
                        SignatureId = 1,
                        Signature = "test",
                        Category = "Policy Violation",
                        Severity = severity,
                        Timestamp = t.AddSeconds(3),
                        Device = new AlertDevice { Mac = Camera, Vendor = "hikvision", Class = "camera", Zone = "cctv" },
                        Destination = new AlertDestination { Address = IpAddr.Parse("47.88.1.2"), Port = 443, Country = "CN" },
                        BytesOut = 5_000,
                        Explanation = "Camera cam-entrance sent 5 kB to 47.88.1.2 (CN), which the policy does not allow.",
                    });
                }
                alerts.OnIntervalEnd(t, default(IntervalSummary));
            }
            alerts.Flush();
        }
        LineProtocol.WriteBatch(lines, points);
        var body = lines.WrittenSpan.ToArray()
            .Concat(File.ReadAllLines(alertFile).Where(l => l.StartsWith(MetricSchema.Measurements.Alerts + ",", StringComparison.Ordinal))
                .SelectMany(l => System.Text.Encoding.UTF8.GetBytes(l + "\n")))
            .ToArray();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await server.Http.PostAsync($"write?db={Database}&precision=ns", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"\$(\w+)")]
    private static partial Regex GrafanaVariable();
}
