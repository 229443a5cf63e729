using TrafficWatch.Decode;
using TrafficWatch.Enrichment;

namespace TrafficWatch.Tests.Enrichment;

public sealed class AddressScopeTests
{
    [Theory]
    [InlineData("10.0.0.0", AddressKind.Private)]
    [InlineData("10.255.255.255", AddressKind.Private)]
    [InlineData("11.0.0.0", AddressKind.Public)]
    [InlineData("9.255.255.255", AddressKind.Public)]
    [InlineData("172.16.0.0", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("172.15.255.255", AddressKind.Public)]
    [InlineData("172.32.0.0", AddressKind.Public)]
    [InlineData("192.168.0.0", AddressKind.Private)]
    [InlineData("192.169.0.0", AddressKind.Public)]
    [InlineData("100.64.0.0", AddressKind.Cgnat)]
    [InlineData("100.127.255.255", AddressKind.Cgnat)]
    [InlineData("100.63.255.255", AddressKind.Public)]
    [InlineData("100.128.0.0", AddressKind.Public)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("169.254.1.1", AddressKind.LinkLocal)]
    [InlineData("169.255.0.0", AddressKind.Public)]
    [InlineData("224.0.0.251", AddressKind.Multicast)]
    [InlineData("239.255.255.250", AddressKind.Multicast)]
    [InlineData("240.0.0.1", AddressKind.Public)]
    [InlineData("255.255.255.255", AddressKind.Broadcast)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("fc00::1", AddressKind.UniqueLocal)]
    [InlineData("fdff:ffff::1", AddressKind.UniqueLocal)]
    [InlineData("fbff:ffff::1", AddressKind.Public)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf::1", AddressKind.LinkLocal)]
    [InlineData("fec0::1", AddressKind.Public)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("2001:db8::1", AddressKind.Public)]
    [InlineData("8.8.8.8", AddressKind.Public)]
    public void Built_in_ranges_classify_addresses_at_their_edges(string address, AddressKind kind)
    {
        Assert.Equal(kind, AddressScope.Default.Classify(IpAddr.Parse(address)));
        Assert.Equal(kind != AddressKind.Public, AddressScope.Default.IsInternal(IpAddr.Parse(address)));
    }

    [Fact]
    public void IPv4_mapped_IPv6_is_classified_as_IPv4()
        => Assert.Equal(AddressKind.Private, AddressScope.Default.Classify(IpAddr.Parse("::ffff:10.1.2.3")));

    [Theory]
    [InlineData("192.0.2.0", AddressKind.Council)]
    [InlineData("192.0.2.255", AddressKind.Council)]
    [InlineData("192.0.3.0", AddressKind.Public)]
    [InlineData("2001:db8:10::5", AddressKind.Council)]
    [InlineData("2001:db8:11::5", AddressKind.Public)]
    [InlineData("198.51.100.7", AddressKind.Council)]
    [InlineData("198.51.100.8", AddressKind.Public)]
    [InlineData("10.0.0.1", AddressKind.Private)]          // built-in classification wins
    public void Council_ranges_are_internal(string address, AddressKind kind)
    {
        var scope = new AddressScope(["192.0.2.0/24", "2001:db8:10::/48", "198.51.100.7"]);
        Assert.Equal(kind, scope.Classify(IpAddr.Parse(address)));
        Assert.Equal(3, scope.CouncilRanges.Count);
    }

    [Fact]
    public void A_bad_council_range_throws_a_clear_error()
    {
        var ex = Assert.Throws<FormatException>(() => new AddressScope(["192.0.2.0/40"]));
        Assert.Contains("'192.0.2.0/40'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kinds_have_plain_English_descriptions()
    {
        Assert.Equal("a private (RFC 1918) address", AddressKind.Private.Describe());
        Assert.Equal("one of the council's own ranges", AddressKind.Council.Describe());
        Assert.Equal("a public Internet address", AddressKind.Public.Describe());
    }

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("2001:db8::/32", true)]
    [InlineData("10.0.0.1", false)]                        // the old API wants a prefix
    [InlineData("10.0.0.0/33", false)]
    [InlineData("nonsense/8", false)]
    public void TryParseCidr_keeps_its_contract(string text, bool ok)
        => Assert.Equal(ok, AddressScope.TryParseCidr(text, out _, out _));

    [Fact]
    public void Classification_does_not_allocate()
    {
        var scope = new AddressScope(["192.0.2.0/24"]);
        var addresses = new[] { "8.8.8.8", "10.1.1.1", "192.0.2.1", "2001:db8::1", "fe80::1" }.Select(IpAddr.Parse).ToArray();
        foreach (var a in addresses)
        {
            scope.Classify(a);
        }
        var allocated = TrafficWatch.Tests.Support.Allocations.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                scope.Classify(addresses[i % addresses.Length]);
            }
        });
        Assert.Equal(0, allocated);
    }
}
