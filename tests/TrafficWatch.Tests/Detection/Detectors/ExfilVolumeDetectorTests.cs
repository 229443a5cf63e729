using TrafficWatch.Decode;
using TrafficWatch.Detection;
using static TrafficWatch.Tests.Detection.Detectors.Facts;

namespace TrafficWatch.Tests.Detection.Detectors;

public sealed class ExfilVolumeDetectorTests
{
    private readonly CollectingAlertSink _sink = new();

    /// <summary>Many small uploads (100 kB each, one a minute) from one camera to one external address.</summary>
    private void Drip(ExfilVolumeDetector detector, AlertDevice device, int flows, long bytesEach, double startSeconds = 0,
        double everySeconds = 60, AlertDestination? destination = null, bool restricted = true, long firstFlowId = 1)
    {
        for (var i = 0; i < flows; i++)
        {
            Connection(detector, _sink, firstFlowId + i, At(startSeconds + i * everySeconds), 5, device, destination ?? External(), bytesEach, 2_000,
                restricted: restricted);
        }
    }

    [Theory]
    [InlineData(49, false)]   // 4.9 MB in 49 minutes: under the 5 MB/h limit
    [InlineData(51, true)]    // 5.1 MB: over it
    public void Slow_drip_over_many_flows_adds_up_against_the_hourly_limit(int flows, bool alerts)
    {
        var detector = new ExfilVolumeDetector(new ExfilVolumeOptions());
        Drip(detector, Camera(), flows, 100_000);
        if (!alerts)
        {
            Assert.Empty(_sink.Alerts);
            return;
        }
        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal("exfil-volume", alert.Rule);
        Assert.Equal(9100004, alert.SignatureId);
        Assert.Equal(AlertSeverity.High, alert.Severity);
        Assert.InRange(alert.BytesOut, 5_000_001, 5_100_000);       // fires on the flow that crosses the limit
        Assert.Equal(IpAddr.Parse("203.0.113.7"), alert.Destination!.Address);
        Assert.Equal(At(0).Seconds / 60 * 60, alert.FirstSeen.Seconds);
        Assert.Equal(At(50 * 60), alert.Timestamp);
        Assert.Equal(
            "Camera 'lobby-cam' (Hikvision) sent 5.0 MB to internet addresses (100 kB of it to 203.0.113.7 (CN, AS4134 Chinanet)) in the last hour; "
            + "cameras should send almost nothing outside the council network, and more than 5.0 MB in an hour is treated as a possible data leak.",
            alert.Explanation);
    }

    [Fact]
    public void One_large_upload_names_its_destination()
    {
        var detector = new ExfilVolumeDetector(new ExfilVolumeOptions());
        var start = At(0);
        detector.OnFlow(Flow(FlowFactsKind.Start, 7, start, Camera(), External(), 74), _sink);
        for (var i = 1; i <= 10; i++)
        {
            detector.OnFlow(Flow(FlowFactsKind.Update, 7, At(i * 60), Camera(), External(), 4_800_000, 10_000, start: start,
                bytesOut: 4_800_000L * i), _sink);
        }
        var alert = Assert.Single(_sink.Alerts);
        Assert.StartsWith("Camera 'lobby-cam' (Hikvision) sent 9.6 MB to 203.0.113.7 (CN, AS4134 Chinanet) in the last hour;", alert.Explanation);
        Assert.Equal(7, alert.FlowId);
    }

    [Fact]
    public void Downloads_never_count()
    {
        var detector = new ExfilVolumeDetector(new ExfilVolumeOptions());
        for (var i = 0; i < 60; i++)
        {
            // a firmware download: 500 MB in, acknowledgements out
            Connection(detector, _sink, i, At(i * 60), 50, Camera(), External(), 40_000, 500_000_000);
        }
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Uploads_to_internal_addresses_never_count()
    {
        var detector = new ExfilVolumeDetector(new ExfilVolumeOptions());
        for (var i = 0; i < 60; i++)
        {
            Connection(detector, _sink, i, At(i * 60), 50, Camera(), InternalHost(), 100_000_000, 1_000, external: false);
        }
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Upload_spread_beyond_the_window_does_not_add_up()
    {
        var detector = new ExfilVolumeDetector(new ExfilVolumeOptions());
        Drip(detector, Camera(), 51, 100_000, everySeconds: 180);   // 5.1 MB over 2.5 hours: about 2 MB in any hour
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Continuous_upload_alerts_once_per_window()
    {
        var detector = new ExfilVolumeDetector(new ExfilVolumeOptions());
        Drip(detector, Camera(), 180, 1_000_000);                   // 1 MB a minute for three hours
        Assert.Equal(3, _sink.Alerts.Count);
        Assert.Equal([At(300).Seconds, At(3_900).Seconds, At(7_500).Seconds], _sink.Alerts.Select(a => a.Timestamp.Seconds));
    }

    [Fact]
    public void Bytes_sent_in_sessions_the_outside_started_count_unless_turned_off()
    {
        foreach (var count in new[] { true, false })
        {
            var sink = new CollectingAlertSink();
            var detector = new ExfilVolumeDetector(new ExfilVolumeOptions { CountInboundSessions = count });
            detector.OnFlow(Flow(FlowFactsKind.Update, 1, At(60), Camera(), External(port: 51_000), 20_000_000, 5_000, initiator: false), sink);
            Assert.Equal(count ? 1 : 0, sink.Alerts.Count);
        }
    }

    [Fact]
    public void Class_limits_override_the_default()
    {
        var options = new ExfilVolumeOptions { ClassThresholdBytes = { ["camera"] = 50_000_000 } };
        var detector = new ExfilVolumeDetector(options);
        Drip(detector, Camera(), 51, 100_000);
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Unrestricted_devices_are_judged_against_their_own_baseline_when_asked()
    {
        var options = new ExfilVolumeOptions { WatchUnrestricted = true };
        var detector = new ExfilVolumeDetector(options);
        var pc = Office();
        // 30 hours at 2 MB an hour (one 200 kB upload every 6 minutes): the baseline
        Drip(detector, pc, 300, 200_000, everySeconds: 360, restricted: false);
        Assert.Empty(_sink.Alerts);
        // then 15 MB in an hour (7.5 times the usual): not far enough above it
        Drip(detector, pc, 10, 1_500_000, startSeconds: 108_000, everySeconds: 300, restricted: false, firstFlowId: 1_000);
        Assert.Empty(_sink.Alerts);
        // two hours later 40 MB in an hour (20 times the usual)
        Drip(detector, pc, 10, 4_000_000, startSeconds: 115_200, everySeconds: 300, restricted: false, firstFlowId: 2_000);
        var alert = Assert.Single(_sink.Alerts);
        Assert.Contains("Office device 'pc-1' sent ", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains(" times its usual ", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Unrestricted_devices_are_not_judged_by_default()
    {
        var detector = new ExfilVolumeDetector(new ExfilVolumeOptions());
        Drip(detector, Office(), 60, 100_000_000, restricted: false);
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void State_stays_bounded_under_100k_devices()
    {
        var detector = new ExfilVolumeDetector(new ExfilVolumeOptions { MaxDevices = 1_000 });
        for (var i = 0; i < 100_000; i++)
        {
            detector.OnFlow(Flow(FlowFactsKind.Update, i, At(i * 0.01), Camera(i), External(), 1_000), _sink);
        }
        Assert.InRange(detector.TrackedDevices, 1, 1_000);
        Assert.True(detector.EvictedDevices >= 99_000);
        Assert.Empty(_sink.Alerts);
    }
}
