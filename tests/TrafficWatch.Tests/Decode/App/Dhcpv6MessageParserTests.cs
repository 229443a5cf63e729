using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using static TrafficWatch.Tests.Decode.App.AppWire;

namespace TrafficWatch.Tests.Decode.App;

public class Dhcpv6MessageParserTests
{
    private static readonly byte[] s_duidLlt = Concat(Be16(1), Be16(1), Be32(0x1F2E3D4C), Mac("74:da:38:80:7a:08"));

    private static byte[] Solicit() => V6Message(1, 0xABCDEF,
        V6Option(1, s_duidLlt),
        V6Option(8, Be16(0)),
        V6Option(39, Concat([0x01], Name("cam-17", "council", "local"))),
        V6Option(16, Concat(Be32(311), Be16(8), Ascii("MSFT 5.0"), Be16(3), Ascii("x\r\n"))),
        V6Option(6, Concat(Be16(23), Be16(24), Be16(39), Be16(17))));

    [Fact]
    public void Solicit_fields_are_read()
    {
        Assert.Equal(Dhcpv6ParseError.None, Dhcpv6MessageParser.Parse(Solicit(), out var m));
        Assert.Equal(Dhcpv6MessageType.Solicit, m.MessageType);
        Assert.Equal(0xABCDEFu, m.TransactionId);
        Assert.Equal(0, m.RelayDepth);
        Assert.Equal(s_duidLlt, m.ClientDuid);
        Assert.Equal(1, m.ClientDuidType);
        Assert.Equal("74:da:38:80:7a:08", m.ClientMac?.ToString());
        Assert.Equal(0x01, m.FqdnFlags);
        Assert.Equal("cam-17.council.local", m.Fqdn);
        Assert.Equal(311u, m.VendorClassEnterprise);
        Assert.Equal(["MSFT 5.0", "x\r\n"], m.VendorClass);
        Assert.Equal(new ushort[] { 23, 24, 39, 17 }, m.OptionRequests);
        Assert.Equal(new ushort[] { 1, 8, 39, 16, 6 }, m.OptionCodes);
        Assert.Null(m.ServerDuid);
    }

    [Fact]
    public void Duid_ll_gives_the_mac_and_duid_en_does_not()
    {
        var ll = V6Message(3, 1, V6Option(1, Concat(Be16(3), Be16(1), Mac("00:11:22:33:44:55"))), V6Option(2, Concat(Be16(2), Be32(9), [1, 2])));
        Assert.Equal(Dhcpv6ParseError.None, Dhcpv6MessageParser.Parse(ll, out var m));
        Assert.Equal(3, m.ClientDuidType);
        Assert.Equal("00:11:22:33:44:55", m.ClientMac?.ToString());
        Assert.Equal(Concat(Be16(2), Be32(9), [1, 2]), m.ServerDuid);

        var en = V6Message(1, 1, V6Option(1, Concat(Be16(2), Be32(311), Ascii("abcdef"))));
        Assert.Equal(Dhcpv6ParseError.None, Dhcpv6MessageParser.Parse(en, out m));
        Assert.Equal(2, m.ClientDuidType);
        Assert.Null(m.ClientMac);

        var notEthernet = V6Message(1, 1, V6Option(1, Concat(Be16(3), Be16(6), Mac("00:11:22:33:44:55"))));
        Assert.Equal(Dhcpv6ParseError.None, Dhcpv6MessageParser.Parse(notEthernet, out m));
        Assert.Null(m.ClientMac);
    }

    [Fact]
    public void A_relay_forward_is_unwrapped_to_the_client_message()
    {
        var relay = V6Relay(12, 0, "2001:db8:20::1", "fe80::76da:38ff:fe80:7a08",
            V6Option(18, Ascii("eth0")),
            V6Option(79, Concat(Be16(1), Mac("74:da:38:80:7a:08"))),
            V6Option(9, Solicit()));
        Assert.Equal(Dhcpv6ParseError.None, Dhcpv6MessageParser.Parse(relay, out var m));
        Assert.Equal(1, m.RelayDepth);
        Assert.Equal(Dhcpv6MessageType.Solicit, m.MessageType);
        Assert.Equal(0xABCDEFu, m.TransactionId);
        Assert.Equal(IpAddr.Parse("2001:db8:20::1"), m.RelayLinkAddress);
        Assert.Equal(IpAddr.Parse("fe80::76da:38ff:fe80:7a08"), m.RelayPeerAddress);
        Assert.Equal("74:da:38:80:7a:08", m.RelayClientMac?.ToString());
        Assert.Equal("74:da:38:80:7a:08", m.ClientMac?.ToString());
    }

    [Fact]
    public void Nested_relays_keep_the_relay_closest_to_the_client()
    {
        var inner = V6Relay(12, 0, "2001:db8:20::1", "fe80::1", V6Option(9, Solicit()));
        var outer = V6Relay(12, 1, "2001:db8:99::1", "2001:db8:20::1", V6Option(9, inner));
        Assert.Equal(Dhcpv6ParseError.None, Dhcpv6MessageParser.Parse(outer, out var m));
        Assert.Equal(2, m.RelayDepth);
        Assert.Equal(IpAddr.Parse("fe80::1"), m.RelayPeerAddress);
        Assert.Equal("cam-17.council.local", m.Fqdn);
    }

    [Fact]
    public void Relays_deeper_than_the_limit_are_RelayTooDeep()
    {
        var message = Solicit();
        for (var i = 0; i <= Dhcpv6MessageParser.MaxRelayDepth; i++)
        {
            message = V6Relay(12, (byte)i, "::", "::", V6Option(9, message));
        }
        Assert.Equal(Dhcpv6ParseError.RelayTooDeep, Dhcpv6MessageParser.Parse(message, out var m));
        Assert.Equal(Dhcpv6MessageParser.MaxRelayDepth, m.RelayDepth);
    }

    [Fact]
    public void A_relay_without_a_relay_message_is_NoRelayMessage()
    {
        var relay = V6Relay(13, 0, "::", "::", V6Option(18, Ascii("eth0")));
        Assert.Equal(Dhcpv6ParseError.NoRelayMessage, Dhcpv6MessageParser.Parse(relay, out var m));
        Assert.Equal(Dhcpv6MessageType.RelayReply, m.MessageType);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Shorter_than_the_header_is_TruncatedHeader(int length)
        => Assert.Equal(Dhcpv6ParseError.TruncatedHeader, Dhcpv6MessageParser.Parse(new byte[length], out _));

    [Fact]
    public void A_relay_shorter_than_its_34_byte_header_is_TruncatedHeader()
        => Assert.Equal(Dhcpv6ParseError.TruncatedHeader, Dhcpv6MessageParser.Parse(new byte[] { 12, 0, 1, 2 }, out _));

    [Fact]
    public void An_option_running_past_the_message_is_OptionTruncated_and_earlier_options_are_kept()
    {
        var full = Solicit();
        for (var cut = full.Length - 1; cut > full.Length - 12; cut--)
        {
            Assert.Equal(Dhcpv6ParseError.OptionTruncated, Dhcpv6MessageParser.Parse(full.AsSpan(0, cut), out var m));
            Assert.Equal("74:da:38:80:7a:08", m.ClientMac?.ToString());
            Assert.Empty(m.OptionRequests);
        }
    }

    [Fact]
    public void Odd_length_oro_and_short_vendor_class_are_BadOptionValue()
    {
        Assert.Equal(Dhcpv6ParseError.BadOptionValue, Dhcpv6MessageParser.Parse(V6Message(1, 1, V6Option(6, [0, 1, 2]), V6Option(1, s_duidLlt)), out var m));
        Assert.NotNull(m.ClientMac);
        Assert.Equal(Dhcpv6ParseError.BadOptionValue, Dhcpv6MessageParser.Parse(V6Message(1, 1, V6Option(16, [0, 0, 1])), out _));
        Assert.Equal(Dhcpv6ParseError.BadOptionValue, Dhcpv6MessageParser.Parse(V6Message(1, 1, V6Option(16, Concat(Be32(1), Be16(9), [1]))), out _));
        Assert.Equal(Dhcpv6ParseError.BadOptionValue, Dhcpv6MessageParser.Parse(V6Message(1, 1, V6Option(39, [])), out _));
    }

    [Fact]
    public void Fqdn_keeps_hostile_bytes_escaped()
    {
        var m = ParseFqdn(Concat([0], Label(Ascii("<b>\r\n")), [0]));
        Assert.Equal("<b>\\013\\010", m.Fqdn);
        m = ParseFqdn(Concat([0], Labels("partial")));
        Assert.Equal("partial", m.Fqdn);
        m = ParseFqdn([0]);
        Assert.Equal(string.Empty, m.Fqdn);
    }

    private static Dhcpv6Message ParseFqdn(byte[] value)
    {
        Assert.Equal(Dhcpv6ParseError.None, Dhcpv6MessageParser.Parse(V6Message(1, 1, V6Option(39, value)), out var m));
        return m;
    }
}
