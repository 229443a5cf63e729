using System.Text;
using TrafficWatch.Attribution;
using TrafficWatch.Attribution.Assets;
using TrafficWatch.Attribution.Devices;
using TrafficWatch.Attribution.Zones;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Decode.App.Http;

namespace TrafficWatch.Tests.Attribution.Devices;

/// <summary>The shipped signatures (registry, vendors.yaml, classes.yaml) and builders for real parsed messages.</summary>
internal static class DeviceTestKit
{
    private static readonly Lazy<VendorSignatures> s_vendors =
        new(() => VendorSignatures.Load(SignaturePaths.VendorsFile(ShippedSignatures.Directory), ShippedSignatures.Registry));

    private static readonly Lazy<ClassRules> s_rules =
        new(() => ClassRules.Load(Path.Combine(ShippedSignatures.Directory, ClassRules.FileName)));

    public static readonly PacketTime T0 = PacketTime.FromSeconds(1_750_000_000);

    public static VendorSignatures Vendors => s_vendors.Value;

    public static ClassRules Rules => s_rules.Value;

    // Real IEEE blocks from signatures/oui/ieee-registry.tsv.
    public static readonly MacAddress HikvisionCam = MacOf("04:03:12:aa:bb:01");
    public static readonly MacAddress EspressifPlug = MacOf("08:3a:8d:00:00:02");
    public static readonly MacAddress TpLinkRouter = MacOf("00:0a:eb:00:00:fe");
    public static readonly MacAddress LocalMac = MacOf("02:00:00:00:00:33");      // locally administered
    public static readonly MacAddress UnknownMac = MacOf("00:00:00:12:34:56");

    public static MacAddress MacOf(string text) => MacAddress.TryParse(text, out var mac) ? mac : throw new FormatException(text);

    public static UInt128 Ip(string text) => IpAddr.Parse(text);

    public static PacketTime At(double seconds) => T0.AddSeconds(seconds);

    public static DeviceTable NewTable(DeviceTableOptions? options = null, ZoneMap? zones = null, AssetRegister? assets = null)
        => new(options ?? new DeviceTableOptions(), ShippedSignatures.Registry, Vendors, new DeviceClassifier(Rules), zones, assets);

    public static DhcpMessage Dhcp(byte[] payload)
    {
        DhcpMessageParser.Parse(payload, out var message);
        return message;
    }

    public static Dhcpv6Message Dhcpv6(byte[] payload)
    {
        Dhcpv6MessageParser.Parse(payload, out var message);
        return message;
    }

    public static DnsMessage Dns(byte[] payload)
    {
        DnsMessageParser.Parse(payload, out var message);
        return message;
    }

    public static SsdpMessage Ssdp(string text)
    {
        var status = SsdpParser.Parse(Encoding.Latin1.GetBytes(text.ReplaceLineEndings("\r\n")), out var message);
        return message ?? throw new InvalidOperationException($"SSDP did not parse: {status}");
    }

    public static HttpRequest Http(string text)
    {
        var status = HttpRequestParser.Parse(Encoding.Latin1.GetBytes(text.ReplaceLineEndings("\r\n")), out var request);
        return request ?? throw new InvalidOperationException($"HTTP did not parse: {status}");
    }
}
