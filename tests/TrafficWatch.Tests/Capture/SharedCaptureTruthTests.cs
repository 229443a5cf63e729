using System.Text.Json;
using TrafficWatch.Capture;
using Xunit.Abstractions;
using TrafficWatch.Tests.Support;

namespace TrafficWatch.Tests.Capture;

/// <summary>Every shared truth capture read through the Capture stage, checked against capinfos/tshark's summary.json.</summary>
public sealed class SharedCaptureTruthTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_shared_capture_yields_the_packet_count_and_time_span_of_its_truth()
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return;
        }
        var checkedFiles = 0;
        var failures = new List<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(root, "pcaps")).Order(StringComparer.Ordinal))
        {
            var summaryPath = Path.Combine(dir, "truth", "summary.json");
            if (!File.Exists(summaryPath))
            {
                continue;
            }
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            var rootElement = summary.RootElement;
            var file = Path.Combine(dir, rootElement.GetProperty("file").GetString()!);
            var expectedPackets = rootElement.GetProperty("packets").GetInt64();
            var capinfosOk = rootElement.GetProperty("capinfos_rc").GetInt32() == 0;
            var isDerivedCut = Path.GetFileName(dir).StartsWith("derived-trunc-", StringComparison.Ordinal);

            using var source = CaptureFiles.Open(file);
            long count = 0;
            var earliest = long.MaxValue;
            var latest = long.MinValue;
            while (source.Next(out var frame) == ReadStatus.Packet)
            {
                earliest = Math.Min(earliest, frame.Timestamp.Nanoseconds);
                latest = Math.Max(latest, frame.Timestamp.Nanoseconds);
                count++;
            }
            checkedFiles++;

            if (capinfosOk || isDerivedCut)
            {
                if (count != expectedPackets)
                {
                    failures.Add($"{Path.GetFileName(dir)}: {count} packets, truth says {expectedPackets}");
                }
            }
            if (capinfosOk && source.Errors.Count != 0)
            {
                failures.Add($"{Path.GetFileName(dir)}: unexpected errors: {string.Join(" | ", source.Errors)}");
            }
            if (!capinfosOk && source.Errors.Count == 0)
            {
                failures.Add($"{Path.GetFileName(dir)}: capinfos reports an error but the Capture stage reported none");
            }
            if (isDerivedCut)
            {
                var error = source.Errors.Count == 1 ? source.Errors[0] : null;
                if (error is null || error.RecordNumber != expectedPackets + 1 || !error.Source.EndsWith(rootElement.GetProperty("file").GetString()!, StringComparison.Ordinal))
                {
                    failures.Add($"{Path.GetFileName(dir)}: expected one error naming the file at record {expectedPackets + 1}, got: {string.Join(" | ", source.Errors)}");
                }
                output.WriteLine($"{Path.GetFileName(dir)}: {count} packets, {string.Join(" | ", source.Errors)}");
            }
            // capinfos' "first"/"last" packet times are the earliest and latest timestamps in the file
            if (capinfosOk && expectedPackets > 0)
            {
                CheckInstant(rootElement, "first_packet_epoch", earliest, dir, failures);
                CheckInstant(rootElement, "last_packet_epoch", latest, dir, failures);
            }
        }

        output.WriteLine($"checked {checkedFiles} shared captures");
        Assert.True(checkedFiles > 0, "no captures found under " + root);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void CheckInstant(JsonElement summary, string property, long nanos, string dir, List<string> failures)
    {
        if (summary.TryGetProperty(property, out var epoch) && epoch.ValueKind == JsonValueKind.String && !SameInstant(epoch.GetString()!, nanos))
        {
            failures.Add($"{Path.GetFileName(dir)}: {property} is {nanos} ns here, truth says {epoch.GetString()}");
        }
    }

    /// <summary>capinfos prints "seconds.fraction" with 6 or 9 digits; compare at that precision.</summary>
    private static bool SameInstant(string epoch, long nanos)
    {
        var parts = epoch.Split('.');
        if (parts.Length != 2 || !long.TryParse(parts[0], out var seconds) || !long.TryParse(parts[1], out var fraction))
        {
            return true;                                          // unusual formatting: not this test's business
        }
        var scale = parts[1].Length switch { 6 => 1_000L, 9 => 1L, _ => 0L };
        return scale == 0 || (seconds * 1_000_000_000L) + (fraction * scale) == nanos;
    }
}
