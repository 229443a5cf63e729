using TrafficWatch.Attribution;
using TrafficWatch.Decode;
using TrafficWatch.Detection.Policy;
using TrafficWatch.Enrichment;

namespace TrafficWatch.Tests.Detection.Policy;

/// <summary>Subjects and targets for policy tests.</summary>
internal static class Targets
{
    public static readonly MacAddress CameraMac = Mac("44:19:b6:00:00:01");
    public static readonly MacAddress OtherCameraMac = Mac("44:19:b6:00:00:02");

    /// <summary>2025-06-02 12:00:00 UTC (a Monday; British Summer Time, UTC+1).</summary>
    public static readonly PacketTime Noon = At(2025, 6, 2, 12, 0);

    public static PolicySubject Camera(string? vendor = "hikvision", string? zone = "cctv", MacAddress? mac = null)
        => new(mac ?? CameraMac, zone, DeviceClass.Camera, vendor);

    public static PolicySubject Of(DeviceClass deviceClass, string? vendor = null, string? zone = null)
        => new(Mac("00:1b:54:00:00:09"), zone, deviceClass, vendor);

    public static PolicyTarget To(string address, ushort port = 443, byte protocol = PortRange.Tcp, string? name = null,
        string? country = null, uint? asn = null)
    {
        var ip = IpAddr.Parse(address);
        return new PolicyTarget(ip, port, protocol, name, country, asn, AddressScope.Default.IsInternal(ip));
    }

    public static PacketTime At(int year, int month, int day, int hour, int minute, int second = 0)
        => PacketTime.FromSeconds(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeSeconds());

    public static MacAddress Mac(string text) => MacAddress.TryParse(text, out var mac) ? mac : throw new FormatException(text);
}
