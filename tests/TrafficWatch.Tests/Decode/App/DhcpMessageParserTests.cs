using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using static TrafficWatch.Tests.Decode.App.AppWire;

namespace TrafficWatch.Tests.Decode.App;

public class DhcpMessageParserTests
{
    private static readonly byte[] s_end = [255];

    private static DhcpMessage ParseOk(byte[] payload)
    {
        Assert.Equal(DhcpParseError.None, DhcpMessageParser.Parse(payload, out var message));
        Assert.Equal(DhcpParseError.None, message.Error);
        return message;
    }

    [Fact]
    public void Header_and_every_interpreted_option_are_read()
    {
        var fqdn = Concat([0x05, 0, 0], Name("cam-17", "council", "gov", "uk"));   // S + E bits, wire encoding
        var payload = Dhcp(Concat(
                Option(53, [3]),
                Option(61, Concat([1], Mac("00:11:22:33:44:55"))),
                Option(50, Ipv4("10.20.0.17")),
                Option(54, Ipv4("10.20.0.1")),
                Option(12, Ascii("cam-17")),
                Option(81, fqdn),
                Option(60, Ascii("udhcp 1.12.1")),
                Option(55, [1, 3, 6, 12, 15, 28, 42]),
                Option(51, Be32(86400)),
                s_end),
            op: 1, xid: 0xCAFEF00D, mac: "00:11:22:33:44:55", ciaddr: "10.20.0.17", yiaddr: "10.20.0.18",
            siaddr: "10.20.0.1", giaddr: "10.99.0.1");
        var m = ParseOk(payload);
        Assert.Equal(1, m.Op);
        Assert.Equal(1, m.HardwareType);
        Assert.Equal(6, m.HardwareLength);
        Assert.Equal(0xCAFEF00Du, m.TransactionId);
        Assert.True(m.Broadcast);
        Assert.Equal(IpAddr.Parse("10.20.0.17"), m.ClientAddress);
        Assert.Equal(IpAddr.Parse("10.20.0.18"), m.YourAddress);
        Assert.Equal(IpAddr.Parse("10.20.0.1"), m.ServerAddress);
        Assert.Equal(IpAddr.Parse("10.99.0.1"), m.RelayAddress);
        Assert.Equal("00:11:22:33:44:55", m.ClientMac?.ToString());
        Assert.Equal(Mac("00:11:22:33:44:55"), m.ClientHardwareAddress);
        Assert.True(m.HasMagicCookie);
        Assert.Equal(DhcpMessageType.Request, m.MessageType);
        Assert.Equal("cam-17", m.Hostname);
        Assert.Equal("udhcp 1.12.1", m.VendorClass);
        Assert.Equal(new byte[] { 1, 3, 6, 12, 15, 28, 42 }, m.ParameterRequestList);
        Assert.Equal(0x05, m.ClientFqdn!.Flags);
        Assert.True(m.ClientFqdn.IsWireEncoded);
        Assert.Equal("cam-17.council.gov.uk", m.ClientFqdn.Name);
        Assert.Equal(IpAddr.Parse("10.20.0.17"), m.RequestedAddress);
        Assert.Equal(IpAddr.Parse("10.20.0.1"), m.ServerIdentifier);
        Assert.Equal(Concat([1], Mac("00:11:22:33:44:55")), m.ClientIdentifier);
        Assert.Equal("00:11:22:33:44:55", m.ClientIdentifierMac?.ToString());
        Assert.Equal(86400u, m.LeaseTime);
        Assert.Equal(new byte[] { 53, 61, 50, 54, 12, 81, 60, 55, 51 }, m.OptionCodes);
    }

    [Fact]
    public void Absent_options_are_null_or_empty()
    {
        var m = ParseOk(Dhcp(s_end));
        Assert.Equal(DhcpMessageType.None, m.MessageType);
        Assert.Null(m.Hostname);
        Assert.Null(m.VendorClass);
        Assert.Null(m.ClientFqdn);
        Assert.Null(m.RequestedAddress);
        Assert.Null(m.ServerIdentifier);
        Assert.Null(m.ClientIdentifier);
        Assert.Null(m.ClientIdentifierMac);
        Assert.Empty(m.ParameterRequestList);
        Assert.Empty(m.OptionCodes);
        Assert.Equal(0, m.Overload);
    }

    [Fact]
    public void Ascii_fqdn_without_the_E_bit_is_decoded_like_a_hostname()
    {
        var m = ParseOk(Dhcp(Concat(Option(81, Concat([0, 0xFF, 0xFF], Ascii("NicksMacBook\0"))), s_end)));
        Assert.False(m.ClientFqdn!.IsWireEncoded);
        Assert.Equal("NicksMacBook", m.ClientFqdn.Name);
    }

    [Fact]
    public void Wire_fqdn_may_be_a_partial_name_without_the_root_label()
    {
        var m = ParseOk(Dhcp(Concat(Option(81, Concat([0x04, 0, 0], Labels("cam-17"))), s_end)));
        Assert.Equal("cam-17", m.ClientFqdn!.Name);
    }

    [Fact]
    public void Wire_fqdn_with_a_compression_pointer_is_a_bad_value_and_other_options_survive()
    {
        var payload = Dhcp(Concat(Option(81, Concat([0x04, 0, 0], Labels("a"), Pointer(0))), Option(12, Ascii("cam")), s_end));
        Assert.Equal(DhcpParseError.BadOptionValue, DhcpMessageParser.Parse(payload, out var m));
        Assert.Null(m.ClientFqdn);
        Assert.Equal("cam", m.Hostname);
    }

    [Fact]
    public void Nul_padded_hostname_is_trimmed_like_tshark()
    {
        var m = ParseOk(Dhcp(Concat(Option(12, Ascii("nas1\0")), s_end)));
        Assert.Equal("nas1", m.Hostname);
        m = ParseOk(Dhcp(Concat(Option(12, Ascii("nas1\0\0\0")), s_end)));
        Assert.Equal("nas1", m.Hostname);
    }

    [Fact]
    public void Hostname_of_only_nuls_is_empty()
    {
        var m = ParseOk(Dhcp(Concat(Option(12, [0, 0]), s_end)));
        Assert.Equal(string.Empty, m.Hostname);
    }

    [Fact]
    public void Cr_lf_html_and_interior_nul_in_a_hostname_are_kept_faithfully()
    {
        const string hostile = "cam\r\n<script>alert(1)</script>\0x\"'&";
        var m = ParseOk(Dhcp(Concat(Option(12, Ascii(hostile)), Option(60, Ascii("v\r\n<b>")), s_end)));
        Assert.Equal(hostile, m.Hostname);
        Assert.Equal("v\r\n<b>", m.VendorClass);
    }

    [Fact]
    public void Utf8_hostname_is_decoded_and_other_bytes_are_latin1()
    {
        var m = ParseOk(Dhcp(Concat(Option(12, System.Text.Encoding.UTF8.GetBytes("kamera-ø")), Option(60, [0x41, 0xFF, 0xC3]), s_end)));
        Assert.Equal("kamera-ø", m.Hostname);
        Assert.Equal("A\u00FF\u00C3", m.VendorClass);
    }

    [Fact]
    public void Split_options_are_concatenated_per_rfc3396()
    {
        var m = ParseOk(Dhcp(Concat(Option(12, Ascii("cam-")), Option(55, [1, 3]), Option(12, Ascii("17")), Option(55, [6]), s_end)));
        Assert.Equal("cam-17", m.Hostname);
        Assert.Equal(new byte[] { 1, 3, 6 }, m.ParameterRequestList);
    }

    [Fact]
    public void Pads_are_skipped_and_a_missing_end_option_is_fine()
    {
        var m = ParseOk(Dhcp(Concat([0, 0, 0], Option(53, [1]), [0], Option(12, Ascii("x")))));
        Assert.Equal(DhcpMessageType.Discover, m.MessageType);
        Assert.Equal("x", m.Hostname);
        Assert.Equal(new byte[] { 53, 12 }, m.OptionCodes);
    }

    [Fact]
    public void Nothing_after_the_end_option_is_read()
    {
        var m = ParseOk(Dhcp(Concat(Option(53, [1]), s_end, Option(12, Ascii("hidden")))));
        Assert.Null(m.Hostname);
    }

    [Theory]
    [InlineData(1, "file")]
    [InlineData(2, "sname")]
    [InlineData(3, "both")]
    public void Overloaded_file_and_sname_hold_options(byte overload, string where)
    {
        var file = Concat(Option(12, Ascii("in-file")), s_end);
        var sname = Concat(Option(60, Ascii("in-sname")), Option(55, [1, 3]), s_end);
        var m = ParseOk(Dhcp(Concat(Option(53, [1]), Option(52, [overload]), Option(55, [6]), s_end), sname: sname, file: file));
        Assert.Equal(overload, m.Overload);
        Assert.Equal(where is "file" or "both" ? "in-file" : null, m.Hostname);
        Assert.Equal(where is "sname" or "both" ? "in-sname" : null, m.VendorClass);
        // options field first, then file, then sname (RFC 2131 §4.1)
        Assert.Equal(where is "sname" or "both" ? new byte[] { 6, 1, 3 } : new byte[] { 6 }, m.ParameterRequestList);
    }

    [Fact]
    public void Without_overload_sname_and_file_are_not_options()
    {
        var m = ParseOk(Dhcp(Concat(Option(53, [1]), s_end), sname: Concat(Option(12, Ascii("boot-server")), s_end)));
        Assert.Null(m.Hostname);
    }

    [Fact]
    public void Overload_inside_an_overloaded_area_is_ignored()
    {
        var file = Concat(Option(52, [2]), Option(12, Ascii("f")), s_end);
        var sname = Concat(Option(60, Ascii("never")), s_end);
        var m = ParseOk(Dhcp(Concat(Option(52, [1]), s_end), sname: sname, file: file));
        Assert.Equal(1, m.Overload);
        Assert.Equal("f", m.Hostname);
        Assert.Null(m.VendorClass);
    }

    [Fact]
    public void An_option_running_past_its_overloaded_area_is_OptionTruncated()
    {
        var file = new byte[128];
        file[125] = 12;
        file[126] = 9;                                             // 9 bytes promised, 1 left in the file field
        var payload = Dhcp(Concat(Option(52, [1]), Option(60, Ascii("v")), s_end), file: file);
        Assert.Equal(DhcpParseError.OptionTruncated, DhcpMessageParser.Parse(payload, out var m));
        Assert.Equal("v", m.VendorClass);
        Assert.Null(m.Hostname);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(235)]
    public void Shorter_than_the_bootp_header_is_TruncatedHeader(int length)
    {
        Assert.Equal(DhcpParseError.TruncatedHeader, DhcpMessageParser.Parse(new byte[length], out var m));
        Assert.Equal(DhcpParseError.TruncatedHeader, m.Error);
    }

    [Fact]
    public void Bootp_without_the_magic_cookie_keeps_the_header()
    {
        var payload = Dhcp([], cookie: false, xid: 42);
        Assert.Equal(DhcpParseError.NoMagicCookie, DhcpMessageParser.Parse(payload, out var m));
        Assert.Equal(42u, m.TransactionId);
        Assert.Equal("00:11:22:33:44:55", m.ClientMac?.ToString());
        Assert.False(m.HasMagicCookie);
        var wrongCookie = Dhcp(s_end);
        wrongCookie[239] = 0x64;
        Assert.Equal(DhcpParseError.NoMagicCookie, DhcpMessageParser.Parse(wrongCookie, out _));
    }

    [Fact]
    public void Option_length_beyond_the_data_is_OptionTruncated_and_earlier_options_are_kept()
    {
        var payload = Dhcp(Concat(Option(53, [1]), Option(12, Ascii("cam")), [60, 40], Ascii("short")));
        Assert.Equal(DhcpParseError.OptionTruncated, DhcpMessageParser.Parse(payload, out var m));
        Assert.Equal(DhcpMessageType.Discover, m.MessageType);
        Assert.Equal("cam", m.Hostname);
        Assert.Null(m.VendorClass);
    }

    [Fact]
    public void Option_code_without_a_length_byte_is_OptionTruncated()
    {
        Assert.Equal(DhcpParseError.OptionTruncated, DhcpMessageParser.Parse(Dhcp([53]), out _));
    }

    [Theory]
    [InlineData(53, 2)]
    [InlineData(53, 0)]
    [InlineData(50, 3)]
    [InlineData(54, 5)]
    [InlineData(51, 2)]
    [InlineData(52, 1)]
    public void A_value_of_the_wrong_size_is_BadOptionValue_and_the_walk_goes_on(byte code, int length)
    {
        var value = new byte[length];
        if (code == 52 && length == 1)
        {
            value[0] = 7;                                          // overload must be 1..3
        }
        var payload = Dhcp(Concat(Option(code, value), Option(12, Ascii("after")), s_end));
        Assert.Equal(DhcpParseError.BadOptionValue, DhcpMessageParser.Parse(payload, out var m));
        Assert.Equal("after", m.Hostname);
    }

    [Fact]
    public void Fqdn_shorter_than_its_three_fixed_bytes_is_BadOptionValue()
    {
        Assert.Equal(DhcpParseError.BadOptionValue, DhcpMessageParser.Parse(Dhcp(Concat(Option(81, [0, 0]), s_end)), out var m));
        Assert.Null(m.ClientFqdn);
    }

    [Fact]
    public void Hardware_length_other_than_6_gives_no_client_mac()
    {
        var m = ParseOk(Dhcp(s_end, hlen: 16));
        Assert.Null(m.ClientMac);
        Assert.Equal(16, m.ClientHardwareAddress.Length);
        m = ParseOk(Dhcp(s_end, hlen: 200));
        Assert.Equal(16, m.ClientHardwareAddress.Length);
    }

    [Fact]
    public void Client_identifier_that_is_not_an_ethernet_mac_gives_no_identifier_mac()
    {
        var m = ParseOk(Dhcp(Concat(Option(61, Concat([0], Ascii("client-uuid"))), s_end)));
        Assert.NotNull(m.ClientIdentifier);
        Assert.Null(m.ClientIdentifierMac);
    }

    [Fact]
    public void More_options_than_the_limit_is_TooManyOptions()
    {
        var many = Concat([.. Enumerable.Repeat(Option(224, []), DhcpMessageParser.MaxOptions + 10)]);
        Assert.Equal(DhcpParseError.TooManyOptions, DhcpMessageParser.Parse(Dhcp(many), out var m));
        Assert.Equal(DhcpMessageParser.MaxOptions, m.OptionCodes.Count);
    }
}
