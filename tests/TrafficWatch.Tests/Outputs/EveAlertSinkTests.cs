using System.Text;
using System.Text.Json;
using TrafficWatch.Decode;
using TrafficWatch.Detection;
using TrafficWatch.Flows;
using TrafficWatch.Outputs.Eve;

namespace TrafficWatch.Tests.Outputs;

public sealed class EveAlertSinkTests
{
    private static Alert Sample(string deviceName, string destName) => new()
    {
        Rule = "vendor-cloud",
        SignatureId = 9100003,
        Signature = "Camera talks to its vendor's cloud",
        Category = "Policy Violation",
        Severity = AlertSeverity.High,
        Timestamp = PacketTime.FromSeconds(1_748_851_200),
        Device = new AlertDevice
        {
            Mac = new MacAddress(0x4C_BD_8F_01_02_03),
            Vlan = 10,
            Address = IpAddr.Parse("10.10.0.21"),
            Name = deviceName,
            Vendor = "hikvision",
            Class = "camera",
            Zone = "cameras",
            Registered = true,
        },
        Destination = new AlertDestination
        {
            Address = IpAddr.Parse("203.0.113.7"),
            Port = 443,
            Protocol = 6,
            Name = destName,
            NameSource = NameSource.Sni,
            Country = "CN",
            Asn = 4134,
            AsnOrganization = "Chinanet",
        },
        BytesOut = 48_000_000,
        BytesIn = 1_200,
        FirstSeen = PacketTime.FromSeconds(1_748_850_000),
        LastSeen = PacketTime.FromSeconds(1_748_851_200),
        Explanation = "Camera sent 48 MB to its vendor's cloud.",
        PolicyLine = "policy.yaml:12: cameras: default deny",
        FlowId = 123456,
    };

    private static JsonElement Write(Alert alert)
    {
        var stream = new MemoryStream();
        using (var writer = new EveWriter(stream, ownsStream: false))
        {
            new EveAlertSink(writer).OnAlert(alert);
        }
        var line = Encoding.UTF8.GetString(stream.ToArray());
        Assert.EndsWith("\n", line);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    [Fact]
    public void Alert_event_has_suricatas_alert_object_and_trafficwatch_fields()
    {
        var alert = Sample("lobby-cam", "api.hik-connect.com");
        var e = Write(alert);
        Assert.Equal("alert", e.GetProperty("event_type").GetString());
        Assert.Equal(123456, e.GetProperty("flow_id").GetInt64());
        Assert.Equal("10.10.0.21", e.GetProperty("src_ip").GetString());
        Assert.Equal("203.0.113.7", e.GetProperty("dest_ip").GetString());
        Assert.Equal(443, e.GetProperty("dest_port").GetInt32());
        var a = e.GetProperty("alert");
        Assert.Equal(9100003, a.GetProperty("signature_id").GetInt32());
        Assert.Equal(1, a.GetProperty("severity").GetInt32());
        Assert.Equal("Policy Violation", a.GetProperty("category").GetString());
        Assert.Equal(alert.Id, a.GetProperty("id").GetInt64());
        Assert.Equal("vendor-cloud", a.GetProperty("rule").GetString());
        Assert.Equal("4c:bd:8f:01:02:03", e.GetProperty("device").GetProperty("mac").GetString());
        Assert.Equal("cameras", e.GetProperty("device").GetProperty("zone").GetString());
        Assert.Equal("sni", e.GetProperty("destination").GetProperty("name_source").GetString());
        Assert.Equal(4134, e.GetProperty("destination").GetProperty("asn").GetInt64());
        Assert.Equal(48_000_000, e.GetProperty("bytes_out").GetInt64());
        Assert.Equal("policy.yaml:12: cameras: default deny", e.GetProperty("policy").GetString());
    }

    [Fact]
    public void Hostile_names_are_kept_exactly_in_json_and_never_break_the_line()
    {
        const string name = "<script>alert(1)</script>\r\n{\"x\":1}\u0007";
        const string dest = "evil.example\r\nBcc: x@y\u001b[31m";
        var e = Write(Sample(name, dest));
        Assert.Equal(name, e.GetProperty("device").GetProperty("name").GetString());
        Assert.Equal(dest, e.GetProperty("destination").GetProperty("name").GetString());
    }

    [Fact]
    public void Alert_ids_are_deterministic_and_differ_by_rule_device_destination_and_time()
    {
        var a = Sample("a", "b");
        Assert.Equal(a.Id, Sample("other name", "other dest").Id);   // names do not identify an alert
        Assert.NotEqual(a.Id, (a with { Rule = "exfil-volume" }).Id);
        Assert.NotEqual(a.Id, (a with { Timestamp = a.Timestamp.AddSeconds(1) }).Id);
        Assert.NotEqual(a.Id, (a with { Device = a.Device with { Mac = new MacAddress(1) } }).Id);
        Assert.InRange(a.Id, 0, (1L << 52) - 1);
    }
}
