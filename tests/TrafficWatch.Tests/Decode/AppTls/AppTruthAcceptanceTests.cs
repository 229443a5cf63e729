using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using TrafficWatch.Decode.App.Http;
using TrafficWatch.Tests.Capture;
using Xunit.Abstractions;
using TrafficWatch.Tests.Support;

namespace TrafficWatch.Tests.Decode.AppTls;

/// <summary>
/// Acceptance against tshark on the shared real captures: every TLS SNI, HTTP request and SSDP message listed in
/// <c>truth/app.json</c> must be found by the parsers at its frame, and JA3 must equal tshark's for every TCP
/// ClientHello. QUIC ClientHellos (truth transport "quic") are out of scope and counted as skipped.
/// </summary>
public sealed class AppTruthAcceptanceTests(ITestOutputHelper output)
{
    private static readonly ConcurrentDictionary<string, AppCaptureScan> s_scans = new(StringComparer.Ordinal);

    [Fact]
    public void Every_tls_sni_in_the_truth_is_found_at_its_frame()
    {
        var matched = 0;
        var skipped = 0;
        var failures = new List<string>();
        foreach (var (name, file, app) in Captures())
        {
            foreach (var entry in app.GetProperty("tls_sni").EnumerateArray())
            {
                var frame = entry.GetProperty("frame").GetInt32();
                if (entry.GetProperty("transport").GetString() != "tcp")
                {
                    skipped++;
                    continue;
                }
                var (client, server, port) = Endpoints(entry);
                var hellos = Scan(file).Hellos.Where(h => h.Frame == frame && h.Direction.Matches(client, server, port)).ToList();
                foreach (var sni in entry.GetProperty("sni").EnumerateArray().Select(s => s.GetString()))
                {
                    if (hellos.Any(h => h.Hello.ServerName == sni))
                    {
                        matched++;
                    }
                    else
                    {
                        failures.Add($"{name} frame {frame}: SNI {sni} not found (hellos at frame: {string.Join(",", hellos.Select(h => h.Hello.ServerName))})");
                    }
                }
            }
        }
        var split = Captures().Sum(c => Scan(c.File).SplitHellos);
        output.WriteLine($"SNI matched {matched}, QUIC/DTLS skipped (out of scope) {skipped}, failed {failures.Count}; ClientHellos reassembled from several segments: {split}");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(matched > 0 || !Captures().Any());
    }

    [Fact]
    public void Every_http_request_in_the_truth_is_found_with_its_host_user_agent_and_uri()
    {
        var matched = 0;
        var exactFrame = 0;
        var failures = new List<string>();
        foreach (var (name, file, app) in Captures())
        {
            var used = new HashSet<SeenRequest>();
            foreach (var entry in app.GetProperty("http_requests").EnumerateArray())
            {
                var frame = entry.GetProperty("frame").GetInt32();
                var (client, server, port) = Endpoints(entry);
                var method = entry.GetProperty("method").GetString();
                var uri = entry.GetProperty("uri").GetString();
                var host = entry.GetProperty("host").GetString();
                var userAgent = entry.GetProperty("user_agent").GetString();
                // tshark reports a request at the frame where its head (or, with Content-Length, its body) is complete:
                // the parser reports it where the head completes, so take the latest unused request at or before it.
                var seen = Scan(file).Requests
                    .Where(r => r.Frame <= frame && r.Direction.Matches(client, server, port) && !used.Contains(r))
                    .OrderByDescending(r => r.Frame)
                    .FirstOrDefault();
                if (seen is null)
                {
                    failures.Add($"{name} frame {frame}: no HTTP request found for {method} {uri}");
                    continue;
                }
                used.Add(seen);
                var r = seen.Request;
                if (r.Method != method || r.Uri != uri || r.Host != host || r.UserAgent != userAgent)
                {
                    failures.Add($"{name} frame {frame} (parsed at {seen.Frame}, {seen.Status}): expected {method} {uri} Host={host} UA={userAgent}, got {r.Method} {r.Uri} Host={r.Host} UA={r.UserAgent}");
                    continue;
                }
                matched++;
                exactFrame += seen.Frame == frame ? 1 : 0;
            }
        }
        output.WriteLine($"HTTP matched {matched} (at the same frame {exactFrame}), failed {failures.Count}");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Every_ssdp_message_in_the_truth_is_found_at_its_frame()
    {
        var matched = 0;
        var failures = new List<string>();
        foreach (var (name, file, app) in Captures())
        {
            var ssdp = app.GetProperty("ssdp");
            foreach (var group in new[] { "requests", "responses", "notify" })
            {
                foreach (var entry in ssdp.GetProperty(group).EnumerateArray())
                {
                    var frame = entry.GetProperty("frame").GetInt32();
                    var seen = Scan(file).Ssdp.FirstOrDefault(s => s.Frame == frame);
                    if (seen is null)
                    {
                        failures.Add($"{name} frame {frame}: no SSDP message parsed ({group})");
                        continue;
                    }
                    var m = seen.Message;
                    var kindOk = group switch
                    {
                        "notify" => m.Kind == SsdpMessageKind.Notify,
                        "requests" => m.Method == entry.GetProperty("method").GetString(),
                        _ => m.Kind == SsdpMessageKind.Response,
                    };
                    var server = entry.GetProperty("server").GetString();
                    var userAgent = entry.GetProperty("user_agent").GetString();
                    var location = entry.GetProperty("location").GetString();
                    if (!kindOk || m.Server != server || m.UserAgent != userAgent || m.Location != location)
                    {
                        failures.Add($"{name} frame {frame} ({group}, {seen.Status}): expected Server={server} UA={userAgent} Location={location}, got {m.Kind} Server={m.Server} UA={m.UserAgent} Location={m.Location}");
                        continue;
                    }
                    matched++;
                }
            }
        }
        output.WriteLine($"SSDP matched {matched}, failed {failures.Count}");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Ja3_equals_tshark_for_every_tcp_client_hello()
    {
        var captures = Captures().ToList();
        if (captures.Count == 0)
        {
            return;
        }
        // tshark takes ~0.6 s per file just to start, so it runs (two at a time) only on captures where some TCP
        // payload starts like a TLS handshake record; the others cannot hold a ClientHello the parser would see.
        var withTls = captures.Where(c => Scan(c.File).TlsRecordStarts > 0).ToList();
        var results = new ConcurrentDictionary<string, List<(int Frame, string Ja3Full, string Ja3)>?>(StringComparer.Ordinal);
        Parallel.ForEach(withTls, new ParallelOptions { MaxDegreeOfParallelism = 2 }, c => results[c.Name] = RunTshark(c.File));
        var matched = 0;
        var failures = new List<string>();
        foreach (var (name, file, _) in withTls)
        {
            var rows = results[name];
            if (rows is null)
            {
                output.WriteLine("SKIPPED: tshark is not installed; JA3 acceptance not run.");
                return;
            }
            var hellos = Scan(file).Hellos;
            foreach (var (frame, ja3Full, ja3) in rows)
            {
                var hello = hellos.FirstOrDefault(h => h.Frame == frame);
                if (hello is null)
                {
                    failures.Add($"{name} frame {frame}: tshark has a ClientHello ({ja3Full}), the parser none");
                }
                else if (hello.Hello.Ja3 != ja3Full || hello.Hello.Ja3Hash != ja3)
                {
                    failures.Add($"{name} frame {frame}: tshark {ja3Full} {ja3}, parser {hello.Hello.Ja3} {hello.Hello.Ja3Hash}");
                }
                else
                {
                    matched++;
                }
            }
        }
        output.WriteLine($"tshark run on {withTls.Count} of {captures.Count} captures (those with TLS handshake records)");
        output.WriteLine($"JA3 matched tshark on {matched} ClientHellos, failed {failures.Count}");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(matched > 0);
    }

    private List<(int Frame, string Ja3Full, string Ja3)>? RunTshark(string file)
    {
        var start = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-n", "-r", file, "-Y", "tls.handshake.type == 1 && tcp", "-T", "fields", "-E", "occurrence=f",
                     "-e", "frame.number", "-e", "tls.handshake.ja3_full", "-e", "tls.handshake.ja3" })
        {
            start.ArgumentList.Add(arg);
        }
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception ex)
        {
            var message = $"SKIPPED: tshark is not installed ({ex.Message}); JA3 acceptance not run.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("CI=true and " + message[9..], ex);
            }
            output.WriteLine(message);
            return null;
        }
        using (process)
        {
            var stderr = process!.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = stderr.Result;
            var rows = new List<(int, string, string)>();
            foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.TrimEnd('\r').Split('\t');
                if (parts.Length >= 3 && int.TryParse(parts[0], out var frame) && parts[2].Length == 32)
                {
                    rows.Add((frame, parts[1], parts[2]));
                }
            }
            return rows;
        }
    }

    private IEnumerable<(string Name, string File, JsonElement App)> Captures()
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            yield break;
        }
        foreach (var dir in Directory.GetDirectories(Path.Combine(root, "pcaps")).Order(StringComparer.Ordinal))
        {
            var appPath = Path.Combine(dir, "truth", "app.json");
            var summaryPath = Path.Combine(dir, "truth", "summary.json");
            if (!File.Exists(appPath) || !File.Exists(summaryPath))
            {
                continue;
            }
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            var file = Path.Combine(dir, summary.RootElement.GetProperty("file").GetString()!);
            using var app = JsonDocument.Parse(File.ReadAllText(appPath));
            yield return (Path.GetFileName(dir), file, app.RootElement.Clone());
        }
    }

    private static (string Client, string Server, ushort Port) Endpoints(JsonElement entry)
        => (entry.GetProperty("client").GetString()!, entry.GetProperty("server").GetString()!,
            ushort.Parse(entry.GetProperty("server_port").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

    private static AppCaptureScan Scan(string file) => s_scans.GetOrAdd(file, AppCaptureScan.Run);
}
