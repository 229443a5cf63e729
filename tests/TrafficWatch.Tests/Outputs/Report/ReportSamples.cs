using TrafficWatch.Decode;
using TrafficWatch.Detection;
using TrafficWatch.Flows;
using TrafficWatch.Outputs.Report;

namespace TrafficWatch.Tests.Outputs.Report;

/// <summary>Report data as the pipeline would fill it, with names and evidence an attacker chose.</summary>
internal static class ReportSamples
{
    public const string ImgName = "<img src=x onerror=alert(1)>";
    public const string ScriptName = "<script>alert(1)</script>";
    /// <summary>Breaks out of a double-quoted attribute if not escaped.</summary>
    public const string AttributeBreaker = "\" onmouseover=\"alert(1)";
    public const string TableBreaker = "evil | cell </td></tr></table><script>alert(2)</script>";
    public const string MarkdownBreaker = "x](javascript:alert(1)) *bold* `code` # h | pipe\nnew line";

    public static readonly PacketTime Start = PacketTime.FromSeconds(1_748_851_200);     // 2025-06-02T08:00:00Z

    public static readonly MacAddress Camera = new(0x4419_B600_0001);
    public static readonly MacAddress Rogue = new(0x0200_0000_0BAD);
    public static readonly MacAddress Sensor = new(0xB827_EB00_0002);
    public static readonly MacAddress Office = new(0x3C52_8200_0003);

    public static ReportData Create(string? evePath = "out/eve.json") => new()
    {
        ToolVersion = "1.0.0-test",
        Inputs = ["captures/city 1.pcap", "captures/it's-2.pcap"],
        EvePath = evePath,
        FirstPacket = Start,
        LastPacket = Start.AddSeconds(600),
        Packets = 123_456,
        Bytes = 98_765_432,
        DecodeErrors = 3,
        Flows = 789,
        GeoIpDatabases =
        [
            new ReportGeoDatabase { DatabaseType = "GeoLite2-Country", BuildTime = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero) },
            new ReportGeoDatabase { DatabaseType = "GeoLite2-ASN", BuildTime = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero) },
        ],
        SignaturesVersion = "2025.06 (sha256 0123abcd)",
        Devices =
        [
            new ReportDevice
            {
                Mac = Camera, Vendor = "hikvision", Class = "camera", ClassConfidence = 0.93,
                ClassEvidence = ["OUI 44:19:b6 Hikvision", AttributeBreaker], Names = [ImgName], Addresses = [IpAddr.Parse("10.10.0.21")],
                Vlan = 10, Zone = "cameras", Registered = true, FirstSeen = Start, LastSeen = Start.AddSeconds(590),
                BytesOut = 50_000_000, BytesIn = 120_000,
                ExternalDestinations =
                [
                    new ReportDestination
                    {
                        Address = IpAddr.Parse("47.88.59.64"), Port = 443, Name = ScriptName, NameSource = "sni", Country = "CN", Asn = 45102,
                        AsnOrganization = "Alibaba " + TableBreaker, BytesOut = 40_000_000, BytesIn = 100_000, Flows = 3,
                    },
                ],
            },
            new ReportDevice
            {
                Mac = Rogue, Class = "unknown", ClassConfidence = 0, Names = [ScriptName, MarkdownBreaker], Addresses = [IpAddr.Parse("10.10.0.99")],
                Vlan = 10, Zone = "cameras", FirstSeen = Start.AddSeconds(100), LastSeen = Start.AddSeconds(400), BytesOut = 5_000, BytesIn = 1_000,
            },
            new ReportDevice
            {
                Mac = Sensor, Vendor = TableBreaker, Class = "iot-sensor", ClassConfidence = 0.5, Addresses = [IpAddr.Parse("2001:db8::5")],
                Vlan = 20, Zone = "iot", FirstSeen = Start, LastSeen = Start.AddSeconds(600), BytesOut = 900, BytesIn = 800,
            },
            new ReportDevice
            {
                Mac = Office, Vendor = "dell", Class = "workstation", ClassConfidence = 0.7, Names = ["pc-17"],
                Zone = "office", FirstSeen = Start, LastSeen = Start.AddSeconds(600), BytesOut = 3_000_000, BytesIn = 30_000_000,
            },
        ],
        Alerts =
        [
            new Alert
            {
                Rule = "vendor-cloud", SignatureId = 9_000_003, Signature = "Camera uploads to a vendor cloud abroad " + ScriptName,
                Category = "Policy Violation", Severity = AlertSeverity.High, Timestamp = Start.AddSeconds(300),
                Device = new AlertDevice { Mac = Camera, Vlan = 10, Address = IpAddr.Parse("10.10.0.21"), Name = ImgName, Vendor = "hikvision", Class = "camera", Zone = "cameras", Registered = true },
                Destination = new AlertDestination { Address = IpAddr.Parse("47.88.59.64"), Port = 443, Protocol = 6, Name = ScriptName, NameSource = NameSource.Sni, Country = "CN", Asn = 45102, AsnOrganization = "Alibaba" },
                BytesOut = 40_000_000, BytesIn = 100_000, FirstSeen = Start.AddSeconds(10), LastSeen = Start.AddSeconds(290),
                Explanation = "The camera " + ImgName + " sent 40 MB to " + ScriptName + " in CN.", PolicyLine = "policy.yaml:12: cameras: deny internet",
                Advice = "Block the camera's internet access " + AttributeBreaker, FlowId = 1_234_567_890_123,
            },
            new Alert
            {
                Rule = "rogue-device", SignatureId = 9_000_006, Signature = "Unknown device on the camera VLAN",
                Category = "Policy Violation", Severity = AlertSeverity.High, Timestamp = Start.AddSeconds(101),
                Device = new AlertDevice { Mac = Rogue, Vlan = 10, Name = ScriptName, Zone = "cameras" },
                FirstSeen = Start.AddSeconds(100), LastSeen = Start.AddSeconds(400),
                Explanation = "A device not in the asset register appeared: " + MarkdownBreaker,
            },
            new Alert
            {
                Rule = "direct-ip", SignatureId = 9_000_002, Signature = "Connection to an address never resolved by DNS",
                Category = "Potential Data Exfiltration", Severity = AlertSeverity.Low, Timestamp = Start.AddSeconds(500),
                Device = new AlertDevice { Mac = Sensor, Vlan = 20, Vendor = TableBreaker, Class = "iot-sensor", Zone = "iot" },
                Destination = new AlertDestination { Address = IpAddr.Parse("2001:db8:ffff::1"), Port = 8883, Protocol = 6 },
                BytesOut = 900, FirstSeen = Start.AddSeconds(480), LastSeen = Start.AddSeconds(499), FlowId = 42,
                Explanation = "The sensor connected to 2001:db8:ffff::1 without a DNS lookup.",
            },
        ],
        Series = new ReportSeries
        {
            Start = Start,
            IntervalSeconds = 60,
            Zones =
            [
                new ReportSeriesLine { Label = "cameras", Bytes = [1_000, 5_000_000, 9_000_000, 8_000_000, 4_000, 3_000, 2_000, 10_000, 20_000, 5_000] },
                new ReportSeriesLine { Label = "iot " + ScriptName, Bytes = [90, 80, 100, 95, 120, 80, 70, 60, 100, 105] },
                new ReportSeriesLine { Label = "office", Bytes = [300_000, 200_000, 400_000, 350_000, 300_000, 250_000, 200_000, 300_000, 350_000, 400_000] },
            ],
            FlaggedDevices =
            [
                new ReportSeriesLine { Label = ImgName + " (44:19:b6:00:00:01)", Bytes = [0, 5_000_000, 9_000_000, 8_000_000, 0, 0, 0, 0, 0, 0] },
                new ReportSeriesLine { Label = AttributeBreaker, Bytes = [0, 0, 1_000, 2_000, 2_000, 0, 0, 0, 0, 0] },
            ],
            OutboundByCountry =
            [
                new ReportCountryBytes { Country = "CN", Bytes = 40_000_000 },
                new ReportCountryBytes { Country = "US", Bytes = 3_000_000 },
                new ReportCountryBytes { Country = "??", Bytes = 5_900 },
            ],
        },
    };
}
