using TrafficWatch.Flows;
using TrafficWatch.Decode;
using TrafficWatch.Detection;
using TrafficWatch.Outputs.Email;

namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>Alerts and e-mail options for the tests. Packet time starts at <see cref="T0"/>, a multiple of 15 min and of 1 h.</summary>
internal static class TestAlerts
{
    public static readonly PacketTime T0 = PacketTime.FromSeconds(1_749_999_600); // 2025-06-15 15:00:00 UTC

    public static Alert Make(
        AlertSeverity severity = AlertSeverity.Medium,
        double atSeconds = 0,
        string rule = "unapproved-destination",
        string mac = "02:00:5e:10:00:01",
        string? name = "cam-17",
        string? zone = "cameras",
        string? site = "Town Hall",
        string? destinationName = "cloud.example.com",
        string destinationIp = "203.0.113.9",
        ushort port = 443)
    {
        Assert.True(MacAddress.TryParse(mac, out var parsed));
        var at = T0.AddSeconds(atSeconds);
        return new Alert
        {
            Rule = rule,
            SignatureId = 9_100_001,
            Signature = "Camera talks to an unapproved destination",
            Category = "Policy Violation",
            Severity = severity,
            Timestamp = at,
            Device = new AlertDevice
            {
                Mac = parsed,
                Vlan = 20,
                Address = IpAddr.Parse("10.20.0.17"),
                Name = name,
                Vendor = "hikvision",
                Class = "camera",
                Zone = zone,
                Site = site,
                Owner = "Facilities (J. Smith)",
                Registered = true,
            },
            Destination = new AlertDestination
            {
                Address = IpAddr.Parse(destinationIp),
                Port = port,
                Protocol = 6,
                Name = destinationName,
                NameSource = NameSource.Dns,
                Country = "NL",
                Asn = 64_500,
                AsnOrganization = "Example Hosting BV",
            },
            BytesOut = 1_234_567,
            BytesIn = 8_910,
            FirstSeen = at.AddSeconds(-120),
            LastSeen = at,
            Explanation = "cam-17 uploaded 1.2 MB to cloud.example.com, which is not on the cameras zone's allowlist.",
            PolicyLine = "policy.yaml:14: cameras: allow nvr.council.local:554",
            Advice = "Check whether the camera's cloud service was switched on; if not, block 203.0.113.9 at the firewall.",
            FlowId = 42,
        };
    }

    /// <summary>Options for a plain local relay on <paramref name="port"/>: fast retries, no cap unless given.</summary>
    public static EmailOptions Options(int port, string outbox, int maxMailsPerHour = 0)
        => new()
        {
            Enabled = true,
            Host = "127.0.0.1",
            Port = port,
            Security = EmailSecurity.None,
            From = "TrafficWatch <trafficwatch@council.example>",
            DefaultRoute = new EmailRoute { Name = "it", To = ["it@council.example"] },
            OutboxDirectory = outbox,
            GrafanaUrl = "https://grafana.council.example/",
            MaxMailsPerHour = maxMailsPerHour,
            Timeout = TimeSpan.FromSeconds(5),
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        };
}
