using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TrafficWatch.Tests.Metrics;

/// <summary>
/// Runs a private influxd (1.x) on 127.0.0.1 with random ports and a throw-away config and data directory.
/// When influxd is not installed the fixture reports <see cref="Available"/> = false and tests return early,
/// except under CI=true, where that is a failure.
/// </summary>
public sealed class InfluxServerFixture : IDisposable
{
    public const string InfluxdPath = "/usr/bin/influxd";
    public const string InfluxCliPath = "/usr/bin/influx";

    private readonly string _root;
    private readonly string _configPath;
    private readonly StringBuilder _serverLog = new();
    private Process? _process;

    public InfluxServerFixture()
    {
        if (!File.Exists(InfluxdPath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{InfluxdPath} is not installed, and CI=true requires it (apt-get install influxdb).");
            }
            UnavailableReason = $"SKIPPED: {InfluxdPath} is not installed (apt-get install influxdb); InfluxDB integration tests did not run.";
            _root = string.Empty;
            _configPath = string.Empty;
            Http = new HttpClient();
            return;
        }

        _root = Path.Combine(Path.GetTempPath(), "tw-influxd-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        Port = FreePort();
        var rpcPort = FreePort();
        _configPath = Path.Combine(_root, "influxdb.conf");
        File.WriteAllText(_configPath, string.Create(CultureInfo.InvariantCulture, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpcPort}"

            [meta]
              dir = "{_root}/meta"
              logging-enabled = false

            [data]
              dir = "{_root}/data"
              wal-dir = "{_root}/wal"
              query-log-enabled = false

            [retention]
              enabled = false

            [shard-precreation]
              enabled = false

            [monitor]
              store-enabled = false

            [http]
              enabled = true
              bind-address = "127.0.0.1:{Port}"
              auth-enabled = false
              log-enabled = false

            [logging]
              level = "error"

            [subscriber]
              enabled = false

            [continuous_queries]
              enabled = false

            """));
        Url = $"http://127.0.0.1:{Port}";
        Http = new HttpClient { BaseAddress = new Uri(Url + "/"), Timeout = TimeSpan.FromSeconds(10) };
        Start();
    }

    public bool Available => UnavailableReason is null;

    public string? UnavailableReason { get; }

    public int Port { get; }

    public string Url { get; } = string.Empty;

    public HttpClient Http { get; }

    public bool CliAvailable => File.Exists(InfluxCliPath);

    /// <summary>Starts influxd (again) on the same port and data, and waits for /ping.</summary>
    public void Start()
    {
        if (!Available || _process is { HasExited: false })
        {
            return;
        }
        var info = new ProcessStartInfo(InfluxdPath, ["-config", _configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => AppendLog(e.Data);
        process.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"influxd exited with {process.ExitCode}: {ServerLog}");
            }
            try
            {
                using var ping = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
                using var response = ping.GetAsync(Url + "/ping").GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not up yet
            }
            Thread.Sleep(100);
        }
        throw new InvalidOperationException("influxd did not answer /ping within 30 s: " + ServerLog);
    }

    /// <summary>Kills influxd (an outage); data written so far is in its WAL.</summary>
    public void Stop()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    public string ServerLog
    {
        get
        {
            lock (_serverLog)
            {
                return _serverLog.ToString();
            }
        }
    }

    public async Task CreateDatabaseAsync(string database)
    {
        await QueryRawAsync(null, $"CREATE DATABASE \"{database}\"", post: true);
    }

    /// <summary>Runs <paramref name="query"/> and returns the first series value column per tag value of <paramref name="groupTag"/>.</summary>
    public async Task<Dictionary<string, long>> QueryGroupedAsync(string database, string query, string groupTag)
    {
        using var document = JsonDocument.Parse(await QueryRawAsync(database, query, post: false));
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        var first = document.RootElement.GetProperty("results")[0];
        if (first.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException("InfluxQL error: " + error.GetString());
        }
        if (!first.TryGetProperty("series", out var series))
        {
            return result;
        }
        foreach (var s in series.EnumerateArray())
        {
            var tag = s.TryGetProperty("tags", out var tags) && tags.TryGetProperty(groupTag, out var value) ? value.GetString() ?? string.Empty : string.Empty;
            result[tag] = s.GetProperty("values")[0][1].GetInt64();
        }
        return result;
    }

    /// <summary>Runs a query that returns one number (e.g. count), or 0 when there is no data.</summary>
    public async Task<long> QueryScalarAsync(string database, string query)
    {
        var grouped = await QueryGroupedAsync(database, query, "-");
        long total = 0;
        foreach (var value in grouped.Values)
        {
            total += value;
        }
        return total;
    }

    public async Task<string> QueryRawAsync(string? database, string query, bool post)
    {
        var uri = "query?" + (database is null ? string.Empty : "db=" + Uri.EscapeDataString(database) + "&") + "q=" + Uri.EscapeDataString(query);
        using var response = post
            ? await Http.PostAsync(uri, content: null)
            : await Http.GetAsync(uri);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"query failed with {(int)response.StatusCode}: {body}");
        }
        return body;
    }

    public void Dispose()
    {
        Stop();
        Http.Dispose();
        if (_root.Length > 0)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_serverLog)
        {
            if (_serverLog.Length < 64 * 1024)
            {
                _serverLog.AppendLine(line);
            }
        }
    }
}
