using TrafficWatch.Decode;
using TrafficWatch.Enrichment;

namespace TrafficWatch.Tests.Enrichment;

public sealed class IpNetworkTests
{
    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.0", true)]
    [InlineData("192.0.2.0/24", "192.0.2.255", true)]
    [InlineData("192.0.2.0/24", "192.0.1.255", false)]
    [InlineData("192.0.2.0/24", "192.0.3.0", false)]
    [InlineData("192.0.2.128/25", "192.0.2.127", false)]
    [InlineData("192.0.2.128/25", "192.0.2.128", true)]
    [InlineData("192.0.2.7/32", "192.0.2.7", true)]
    [InlineData("192.0.2.7/32", "192.0.2.6", false)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    [InlineData("0.0.0.0/0", "::1", false)]                 // an IPv4 range holds no IPv6 address
    [InlineData("::/0", "10.0.0.1", true)]                  // ... but ::/0 holds everything
    [InlineData("2001:db8::/127", "2001:db8::1", true)]
    [InlineData("2001:db8::/127", "2001:db8::2", false)]
    [InlineData("::ffff:192.0.2.0/120", "192.0.2.9", true)] // written IPv4-mapped, still an IPv6 range over the same bits
    public void Contains_is_exact_at_the_edges(string cidr, string address, bool expected)
    {
        Assert.True(IpNetwork.TryParse(cidr, out var network));
        Assert.Equal(expected, network.Contains(IpAddr.Parse(address)));
    }

    [Theory]
    [InlineData("10.1.2.3/8", true, "10.0.0.0/8")]
    [InlineData("10.0.0.0/8", false, "10.0.0.0/8")]
    [InlineData(" 2001:db8::1/32 ", true, "2001:db8::/32")]
    [InlineData("198.51.100.7", false, "198.51.100.7/32")]
    [InlineData("2001:db8::7", false, "2001:db8::7/128")]
    public void Parsing_reports_host_bits_and_normalises(string text, bool hostBits, string normal)
    {
        Assert.True(IpNetwork.TryParse(text, out var network, out var hadHostBits));
        Assert.Equal(hostBits, hadHostBits);
        Assert.Equal(normal, network.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("example.com")]
    [InlineData("fe80::1%eth0")]
    public void Garbage_does_not_parse(string text)
        => Assert.False(IpNetwork.TryParse(text, out _));
}
