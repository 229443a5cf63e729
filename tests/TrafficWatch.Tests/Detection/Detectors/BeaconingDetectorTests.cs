using TrafficWatch.Detection;
using static TrafficWatch.Tests.Detection.Detectors.Facts;

namespace TrafficWatch.Tests.Detection.Detectors;

public sealed class BeaconingDetectorTests
{
    private readonly CollectingAlertSink _sink = new();

    /// <summary>Connections from one camera to one destination at the given start offsets (seconds), each 2 s long.</summary>
    private void Connect(BeaconingDetector detector, IEnumerable<double> starts, Func<int, long>? size = null, AlertDestination? destination = null,
        string? vendorCloud = null)
    {
        var i = 0;
        foreach (var start in starts)
        {
            var bytes = size?.Invoke(i) ?? 600;
            Connection(detector, _sink, ++i, At(start), 2, Camera(), destination ?? External(port: 8443), bytes, bytes * 2, vendorCloud: vendorCloud);
        }
    }

    private static IEnumerable<double> Every(double period, int count, double jitter, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return i * period + (random.NextDouble() * 2 - 1) * jitter;
        }
    }

    private static IEnumerable<double> Uniform(double min, double max, int count, int seed)
    {
        var random = new Random(seed);
        var t = 0.0;
        for (var i = 0; i < count; i++)
        {
            yield return t;
            t += min + random.NextDouble() * (max - min);
        }
    }

    private static IEnumerable<double> Poisson(double mean, int count, int seed)
    {
        var random = new Random(seed);
        var t = 0.0;
        for (var i = 0; i < count; i++)
        {
            yield return t;
            t += -mean * Math.Log(1 - random.NextDouble());
        }
    }

    [Fact]
    public void Connections_every_60_s_within_a_second_beacon()
    {
        var detector = new BeaconingDetector(new BeaconingOptions());
        Connect(detector, Every(60, 70, 1, seed: 1));
        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal(("beaconing", 9100007, AlertSeverity.Medium), (alert.Rule, alert.SignatureId, alert.Severity));
        // the first moment the pair qualifies: an hour after the first connection
        Assert.Equal(At(3_600).Seconds, alert.Timestamp.Seconds, tolerance: 1);
        Assert.Matches(
            @"^Camera 'lobby-cam' \(Hikvision\) connected to 203\.0\.113\.7:8443 \(CN, AS4134 Chinanet\) every 60 s ±[0-9.]+ s, 61 connections over (1 hour|60 minutes), "
            + @"each about 1\.8 kB \(regularity 0\.\d\d\); clockwork check-ins like this are how remote-controlled malware keeps in touch\.$",
            alert.Explanation);
    }

    [Fact]
    public void A_ten_percent_jitter_still_beacons_once_enough_connections_are_seen()
    {
        var detector = new BeaconingDetector(new BeaconingOptions());
        Connect(detector, Every(300, 40, 30, seed: 2));            // every 5 minutes ±30 s, for 3 hours
        Assert.NotEmpty(_sink.Alerts);                               // not at 10 connections: a short sample of jitter is not yet convincing
        Assert.All(_sink.Alerts, a => Assert.Matches(" every (29[0-9]|30[0-9]) s ±", a.Explanation));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Jittery_random_intervals_do_not_beacon(int seed)
    {
        var detector = new BeaconingDetector(new BeaconingOptions());
        Connect(detector, Uniform(10, 110, 200, seed));
        Assert.Empty(_sink.Alerts);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void Random_arrivals_do_not_beacon(int seed)
    {
        var detector = new BeaconingDetector(new BeaconingOptions());
        Connect(detector, Poisson(60, 200, seed));
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Fewer_than_an_hour_of_connections_is_not_enough()
    {
        var detector = new BeaconingDetector(new BeaconingOptions());
        Connect(detector, Every(60, 59, 0, seed: 8));              // 58 minutes
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Fewer_than_ten_connections_are_not_enough()
    {
        var detector = new BeaconingDetector(new BeaconingOptions());
        Connect(detector, Every(600, 9, 0, seed: 9));              // 80 minutes, 9 connections
        Assert.Empty(_sink.Alerts);
        Connect(detector, [5_400]);
        Assert.Single(_sink.Alerts);
    }

    [Fact]
    public void A_regular_timer_with_wildly_varying_sizes_scores_lower_than_with_constant_sizes()
    {
        var random = new Random(10);
        var sizes = Enumerable.Range(0, 70).Select(_ => (long)Math.Exp(random.NextDouble() * 12)).ToArray();
        var detector = new BeaconingDetector(new BeaconingOptions { ScoreThreshold = 0.9 });
        Connect(detector, Every(60, 70, 0.5, seed: 11), i => sizes[i]);
        Assert.Empty(_sink.Alerts);
        var steady = new BeaconingDetector(new BeaconingOptions { ScoreThreshold = 0.9 });
        Connect(steady, Every(60, 70, 0.5, seed: 11));
        Assert.Single(_sink.Alerts);
    }

    [Fact]
    public void Time_servers_and_vendor_clouds_are_not_judged()
    {
        var detector = new BeaconingDetector(new BeaconingOptions());
        Connect(detector, Every(64, 100, 0, seed: 12), destination: External("162.159.200.1", 123, 17));
        Connect(detector, Every(60, 100, 0, seed: 13), vendorCloud: "hikvision");
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void A_beacon_is_reported_at_most_once_per_cooldown()
    {
        var detector = new BeaconingDetector(new BeaconingOptions());
        Connect(detector, Every(60, 60 * 3 + 30, 1, seed: 14));    // three and a half hours
        Assert.Equal(3, _sink.Alerts.Count);
    }

    [Fact]
    public void Tracked_pairs_stay_bounded()
    {
        var detector = new BeaconingDetector(new BeaconingOptions { MaxPairs = 1_000 });
        for (var i = 0; i < 100_000; i++)
        {
            detector.OnFlow(Flow(FlowFactsKind.Start, i, At(i * 0.01), Camera(i), External(), 74), _sink);
        }
        Assert.InRange(detector.TrackedPairs, 1, 1_000);
    }
}
