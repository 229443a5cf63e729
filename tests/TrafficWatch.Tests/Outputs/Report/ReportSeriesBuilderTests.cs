using TrafficWatch.Decode;
using TrafficWatch.Outputs.Report;

namespace TrafficWatch.Tests.Outputs.Report;

public sealed class ReportSeriesBuilderTests
{
    private static readonly MacAddress Cam = new(1), Sensor = new(2);

    [Fact]
    public void Bytes_land_in_their_interval_per_zone_and_device()
    {
        var builder = new ReportSeriesBuilder(60);
        var t0 = PacketTime.FromSeconds(1_748_851_230);                       // 08:00:30, aligned start 08:00:00

        builder.Add(t0, Cam, "cameras", 100);
        builder.Add(t0.AddSeconds(40), Cam, "cameras", 50);                    // 08:01:10: second interval
        builder.Add(t0.AddSeconds(200), Sensor, null, 7);                      // 08:03:50: fourth interval
        builder.AddOutbound("CN", 10);
        builder.AddOutbound(null, 3);
        builder.AddOutbound("US", 10);
        builder.AddOutbound("CN", 5);
        var series = builder.Build([(Cam, "cam-1")]);

        Assert.Equal(PacketTime.FromSeconds(1_748_851_200), series.Start);
        Assert.Equal(60, series.IntervalSeconds);
        Assert.Equal(["cameras", "unzoned"], series.Zones.Select(static z => z.Label));
        Assert.Equal([100L, 50, 0, 0], series.Zones[0].Bytes);
        Assert.Equal([0L, 0, 0, 7], series.Zones[1].Bytes);
        Assert.Equal([100L, 50, 0, 0], Assert.Single(series.FlaggedDevices).Bytes);
        Assert.Equal(["CN", "US", "??"], series.OutboundByCountry.Select(static c => c.Country));
        Assert.Equal([15L, 10, 3], series.OutboundByCountry.Select(static c => c.Bytes));
    }

    [Fact]
    public void A_long_capture_widens_the_interval_and_keeps_every_byte()
    {
        var builder = new ReportSeriesBuilder(60);
        var t0 = PacketTime.FromSeconds(1_748_851_200);
        long total = 0;
        for (var minute = 0; minute < 1_000; minute++)
        {
            builder.Add(t0.AddSeconds(minute * 60), Cam, "cameras", minute + 1);
            total += minute + 1;
        }

        var series = builder.Build([(Cam, "cam"), (Sensor, "never seen")]);

        Assert.Equal(60 * 8, series.IntervalSeconds);                           // 1000 minutes need 3 doublings to fit in 240 points
        Assert.Equal(125, series.Zones[0].Bytes.Count);
        Assert.Equal(total, series.Zones[0].Bytes.Sum());
        Assert.Equal(36L, series.Zones[0].Bytes[0]);                            // minutes 1..8
        Assert.Equal(total, series.FlaggedDevices[0].Bytes.Sum());
        Assert.All(series.FlaggedDevices[1].Bytes, static b => Assert.Equal(0, b));
    }
}
