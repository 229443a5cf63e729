using TrafficWatch.Decode;
using TrafficWatch.Outputs.Evidence;
using TrafficWatch.Tests.Capture;

namespace TrafficWatch.Tests.Outputs.Evidence;

public sealed class EveAlertLookupTests
{
    [Fact]
    public void Finds_the_alert_by_id_with_its_flow_device_and_times()
    {
        using var temp = new TempDirectory();
        var eve = temp.File("eve.json");
        File.WriteAllLines(eve,
        [
            "{\"timestamp\":\"2025-06-02T08:00:00.000000+0000\",\"event_type\":\"flow\",\"flow_id\":3,\"alert\":{\"id\":12}}",
            "{\"event_type\":\"alert\",\"alert\":{\"id\":11,\"signature\":\"other\"}}",
            "{\"event_type\":\"alert\",\"flow_id\":99,\"alert\":{\"id\":12,\"signature\":\"<x>\"},\"device\":{\"mac\":\"44:19:B6:00:00:01\"},"
                + "\"first_seen\":\"2025-06-02T08:00:01.000002+0000\",\"last_seen\":\"2025-06-02T08:00:03.500000+0000\"}",
        ]);

        var found = EveAlertLookup.Find(eve, 12);

        Assert.NotNull(found);
        Assert.Equal(99, found.FlowId);
        Assert.Equal("<x>", found.Signature);
        Assert.Equal(new MacAddress(0x4419_B600_0001), found.DeviceMac);
        Assert.Equal(PacketTime.FromSeconds(1_748_851_201, 2_000), found.FirstSeen);
        Assert.Equal(PacketTime.FromSeconds(1_748_851_203, 500_000_000), found.LastSeen);
        Assert.Equal(EvidenceQuery.ForFlow(99), found.ToQuery());
        Assert.Null(EveAlertLookup.Find(eve, 13));
    }

    [Fact]
    public void A_device_alert_becomes_a_device_query_over_its_window_inclusive()
    {
        var reference = new EveAlertReference
        {
            AlertId = 1,
            DeviceMac = new MacAddress(1),
            FirstSeen = PacketTime.FromSeconds(100),
            LastSeen = PacketTime.FromSeconds(200),
        };

        var query = reference.ToQuery()!;

        Assert.Equal(new MacAddress(1), query.Device);
        Assert.True(query.Window.Contains(PacketTime.FromSeconds(200, 999)));
        Assert.False(query.Window.Contains(PacketTime.FromSeconds(200, 1_000)));
        Assert.False(query.Window.Contains(PacketTime.FromSeconds(99, 999_999_999)));
    }

    [Theory]
    [InlineData("2025-06-02T08:00:00.123456+0000", 1_748_851_200_123_456_000)]
    [InlineData("2025-06-02T09:00:00.123456+0100", 1_748_851_200_123_456_000)]
    [InlineData("2025-06-02T08:00:00Z", 1_748_851_200_000_000_000)]
    public void Eve_time_strings_parse_to_packet_time(string text, long nanoseconds)
    {
        Assert.True(EveAlertLookup.TryParseEveTime(text, out var time));
        Assert.Equal(nanoseconds, time.Nanoseconds);
    }

    [Fact]
    public void An_unreadable_eve_file_is_an_evidence_exception()
    {
        using var temp = new TempDirectory();

        var ex = Assert.Throws<EvidenceException>(() => EveAlertLookup.Find(temp.Path, 1));

        Assert.StartsWith($"cannot read EVE file {temp.Path}: ", ex.Message, StringComparison.Ordinal);
    }
}
