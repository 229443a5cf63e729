using TrafficWatch.Outputs.Metrics;

namespace TrafficWatch.Tests.Metrics;

/// <summary>Deterministic traffic points and the sums they should produce.</summary>
internal static class MetricTestData
{
    public static readonly PacketTime Start = PacketTime.FromSeconds(1_750_000_000);

    public static List<MetricPoint> Traffic(string[] devices, int intervals, int offset = 0)
    {
        var points = new List<MetricPoint>(devices.Length * intervals);
        for (var i = offset; i < offset + intervals; i++)
        {
            for (var d = 0; d < devices.Length; d++)
            {
                points.Add(new MetricPoint(MetricSchema.Measurements.Traffic, Start.AddSeconds(10 * i))
                    .Tag(MetricSchema.Tags.Zone, "cctv")
                    .Tag(MetricSchema.Tags.Device, devices[d])
                    .Tag(MetricSchema.Tags.Sensor, "s1")
                    .Tag(MetricSchema.Tags.Vlan, "20")
                    .Tag(MetricSchema.Tags.Direction, "out")
                    .Field(MetricSchema.Fields.Bytes, BytesFor(d, i))
                    .Field(MetricSchema.Fields.Packets, (long)(i + d + 1))
                    .Field(MetricSchema.Fields.Flows, 1L));
            }
        }
        return points;
    }

    /// <summary>Large values, so the query proves integer (not float) sums.</summary>
    public static long BytesFor(int device, int interval) => 9_007_199_254_740_993L / 1000 + (device * 1_000_003L) + (interval * 7L);

    public static Dictionary<string, long> ExpectedSums(string[] expectedNames, int intervals, int offset = 0)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var d = 0; d < expectedNames.Length; d++)
        {
            long sum = 0;
            for (var i = offset; i < offset + intervals; i++)
            {
                sum += BytesFor(d, i);
            }
            sums[expectedNames[d]] = sum;
        }
        return sums;
    }

    private static readonly Lazy<string> Root = new(static () =>
    {
        var root = Path.Combine(Path.GetTempPath(), "tw-metrics-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        };
        return root;
    });

    /// <summary>A fresh directory under one per-process root that is deleted when the test process exits.</summary>
    public static string TempDirectory()
    {
        var path = Path.Combine(Root.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
