using System.Text;
using TrafficWatch.Decode.App.Http;

namespace TrafficWatch.Tests.Decode.AppTls;

public class SsdpParserTests
{
    internal const string MSearch =
        "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n" +
        "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\nUSER-AGENT: Google Chrome/120.0 Windows\r\n\r\n";

    internal const string Notify =
        "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\n" +
        "LOCATION: http://10.20.0.17:49152/onvif/device_description.xml\r\nNT: urn:schemas-upnp-org:device:Basic:1\r\n" +
        "NTS: ssdp:alive\r\nSERVER: Linux/3.10 UPnP/1.0 IPCamera/2.4\r\nUSN: uuid:4d696e69-444c-164e-9d41-b0c5540c9bc2::urn:schemas-upnp-org:device:Basic:1\r\n\r\n";

    internal const string Response =
        "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=100\r\nEXT:\r\nLOCATION: http://192.168.1.1:1900/igd.xml\r\n" +
        "SERVER: IpBridge/1.16.0 UPnP/1.0\r\nST: upnp:rootdevice\r\nUSN: uuid:2f402f80-da50-11e1-9b23-001788255acc::upnp:rootdevice\r\n\r\n";

    private static SsdpParseStatus Parse(string text, out SsdpMessage? message)
        => SsdpParser.Parse(Encoding.Latin1.GetBytes(text), out message);

    [Fact]
    public void M_search_yields_st_man_and_user_agent()
    {
        Assert.Equal(SsdpParseStatus.Complete, Parse(MSearch, out var m));
        Assert.Equal(SsdpMessageKind.MSearch, m!.Kind);
        Assert.Equal("M-SEARCH", m.Method);
        Assert.Equal("urn:schemas-upnp-org:device:InternetGatewayDevice:1", m.St);
        Assert.Equal("\"ssdp:discover\"", m.Man);
        Assert.Equal("Google Chrome/120.0 Windows", m.UserAgent);
    }

    [Fact]
    public void Camera_notify_yields_nt_nts_usn_server_and_location()
    {
        Assert.Equal(SsdpParseStatus.Complete, Parse(Notify, out var m));
        Assert.Equal(SsdpMessageKind.Notify, m!.Kind);
        Assert.Equal("urn:schemas-upnp-org:device:Basic:1", m.Nt);
        Assert.Equal("ssdp:alive", m.Nts);
        Assert.Equal("Linux/3.10 UPnP/1.0 IPCamera/2.4", m.Server);
        Assert.Equal("http://10.20.0.17:49152/onvif/device_description.xml", m.Location);
        Assert.StartsWith("uuid:4d696e69", m.Usn, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_response_yields_status_st_usn_and_location()
    {
        Assert.Equal(SsdpParseStatus.Complete, Parse(Response, out var m));
        Assert.Equal(SsdpMessageKind.Response, m!.Kind);
        Assert.Equal(200, m.StatusCode);
        Assert.Null(m.Method);
        Assert.Equal("upnp:rootdevice", m.St);
        Assert.Equal("IpBridge/1.16.0 UPnP/1.0", m.Server);
        Assert.Equal(7 - 1, m.HeaderCount);
    }

    [Fact]
    public void The_end_of_the_datagram_ends_the_headers()
    {
        Assert.Equal(SsdpParseStatus.Complete, Parse("NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\nSERVER: x", out var m));
        Assert.Equal("upnp:rootdevice", m!.Nt);
        Assert.Equal("x", m.Server);
    }

    [Fact]
    public void Hostile_headers_end_parsing_but_keep_what_came_before()
    {
        Assert.Equal(SsdpParseStatus.Malformed, Parse("NOTIFY * HTTP/1.1\r\nNT: a\r\nSERVER: b\rLOCATION: http://evil/\r\n\r\n", out var m));
        Assert.Equal("a", m!.Nt);
        Assert.Null(m.Server);
        Assert.Null(m.Location);

        var longLine = new string('x', SsdpParser.MaxLineLength + 1);
        Assert.Equal(SsdpParseStatus.TooLarge, Parse($"NOTIFY * HTTP/1.1\r\nSERVER: {longLine}\r\n\r\n", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("HTTP/1.1 2000 OK\r\n\r\n")]
    [InlineData("notify * HTTP/1.1\r\n\r\n")]
    [InlineData("NOTIFY *\r\n\r\n")]
    public void Non_ssdp_datagrams_are_rejected(string text) => Assert.Equal(SsdpParseStatus.NotSsdp, Parse(text, out _));
}
