using TrafficWatch.Capture;
using TrafficWatch.Decode;

namespace TrafficWatch.Tests.Capture;

public sealed class LinkTypeMapperTests
{
    [Theory]
    [InlineData(0, LinkType.Null)]
    [InlineData(1, LinkType.Ethernet)]
    [InlineData(12, LinkType.Raw)]
    [InlineData(14, LinkType.Raw)]
    [InlineData(101, LinkType.Raw)]
    [InlineData(113, LinkType.LinuxSll)]
    [InlineData(228, LinkType.Ipv4)]
    [InlineData(229, LinkType.Ipv6)]
    [InlineData(276, LinkType.LinuxSll2)]
    public void Supported_dlts_map(int dlt, LinkType expected)
    {
        Assert.True(LinkTypeMapper.TryMap(dlt, out var linkType));
        Assert.Equal(expected, linkType);
    }

    [Theory]
    [InlineData(105, "link type 105 (IEEE802_11) is not supported")]
    [InlineData(127, "link type 127 (IEEE802_11_RADIO) is not supported")]
    public void Unsupported_dlts_are_named(int dlt, string message)
    {
        Assert.False(LinkTypeMapper.TryMap(dlt, out _));
        Assert.Equal(message, LinkTypeMapper.UnsupportedMessage(dlt));
    }
}
