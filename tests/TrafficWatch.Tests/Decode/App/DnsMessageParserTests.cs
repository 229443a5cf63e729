using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using static TrafficWatch.Tests.Decode.App.AppWire;

namespace TrafficWatch.Tests.Decode.App;

public class DnsMessageParserTests
{
    private static DnsMessage ParseOk(byte[] payload)
    {
        Assert.Equal(DnsParseError.None, DnsMessageParser.Parse(payload, out var message));
        Assert.Equal(DnsParseError.None, message.Error);
        return message;
    }

    [Fact]
    public void Header_fields_are_read()
    {
        // id 0xBEEF, QR, opcode 2, AA, TC, RD, RA, rcode 3 (NXDOMAIN)
        var message = ParseOk(DnsHeader(0xBEEF, 0x8000 | (2 << 11) | 0x0400 | 0x0200 | 0x0100 | 0x0080 | 3, 0, 0));
        Assert.Equal(0xBEEF, message.Id);
        Assert.True(message.IsResponse);
        Assert.Equal(2, message.Opcode);
        Assert.True(message.IsAuthoritative);
        Assert.True(message.IsTruncated);
        Assert.True(message.RecursionDesired);
        Assert.True(message.RecursionAvailable);
        Assert.Equal(3, message.Rcode);
    }

    [Fact]
    public void A_query_is_not_a_response()
    {
        var message = ParseOk(Concat(DnsHeader(1, 0x0100, 1, 0), Question(Name("cam1", "council", "local"), DnsRecordType.A)));
        Assert.False(message.IsResponse);
        var q = Assert.Single(message.Questions);
        Assert.Equal("cam1.council.local", q.Name);
        Assert.Equal(DnsRecordType.A, q.Type);
        Assert.Equal(1, q.Class);
        Assert.False(q.UnicastResponse);
    }

    [Fact]
    public void Answers_of_every_interpreted_type_are_read_with_compression()
    {
        // question name at offset 12; records point back to it
        var payload = Concat(
            DnsHeader(7, 0x8180, 1, 6, 1, 1),
            Question(Name("www", "example", "com"), DnsRecordType.A),
            Record(Pointer(12), DnsRecordType.Cname, Concat(Labels("edge"), Pointer(16)), ttl: 60),
            Record(Pointer(12), DnsRecordType.A, Ipv4("192.0.2.10")),
            Record(Pointer(12), DnsRecordType.Aaaa, System.Net.IPAddress.Parse("2001:db8::7").GetAddressBytes()),
            Record(Name("10", "2", "0", "192", "in-addr", "arpa"), DnsRecordType.Ptr, Pointer(12)),
            Record(Pointer(12), DnsRecordType.Txt, Concat([5], Ascii("hello"), [3], Ascii("abc"))),
            Record(Pointer(12), DnsRecordType.Srv, Concat(Be16(0), Be16(5), Be16(554), Name("rtsp", "example", "com"))),
            Record(Pointer(16), DnsRecordType.Ns, Name("ns1", "example", "com")),
            Record(Name(), DnsRecordType.Opt, [], ttl: 0, rclass: 1232));
        var message = ParseOk(payload);
        Assert.Equal(0x8180 & 0x0F, message.Rcode);
        Assert.Equal(8, message.Records.Count);
        Assert.Equal(6, message.Answers.Count());

        var cname = message.Records[0];
        Assert.Equal("www.example.com", cname.Name);
        Assert.Equal("edge.example.com", cname.Target);
        Assert.Equal(60u, cname.Ttl);
        Assert.Equal(IpAddr.Parse("192.0.2.10"), message.Records[1].Address);
        Assert.True(message.Records[1].HasAddress);
        Assert.Equal(IpAddr.Parse("2001:db8::7"), message.Records[2].Address);
        Assert.Equal("10.2.0.192.in-addr.arpa", message.Records[3].Name);
        Assert.Equal("www.example.com", message.Records[3].Target);
        var txt = message.Records[4];
        Assert.Equal(10, txt.DataLength);
        Assert.Null(txt.Target);
        var srv = message.Records[5];
        Assert.Equal(554, srv.Port);
        Assert.Equal("rtsp.example.com", srv.Target);
        Assert.Equal(DnsSection.Authority, message.Records[6].Section);
        Assert.Equal("example.com", message.Records[6].Name);
        Assert.Equal("ns1.example.com", message.Records[6].Target);
        var opt = message.Records[7];
        Assert.Equal(DnsSection.Additional, opt.Section);
        Assert.Equal(".", opt.Name);
        Assert.Equal(1232, opt.Class);
    }

    [Fact]
    public void Mdns_unicast_response_and_cache_flush_bits_are_split_from_the_class()
    {
        var payload = Concat(
            DnsHeader(0, 0x8400, 1, 1),
            Question(Name("_http", "_tcp", "local"), DnsRecordType.Ptr, 0x8001),
            Record(Name("DCS-935L", "local"), DnsRecordType.A, Ipv4("10.0.0.9"), ttl: 120, rclass: 0x8001));
        var message = ParseOk(payload);
        Assert.True(message.Questions[0].UnicastResponse);
        Assert.Equal(1, message.Questions[0].Class);
        Assert.True(message.Records[0].CacheFlush);
        Assert.Equal(1, message.Records[0].Class);
        Assert.Equal("DCS-935L.local", message.Records[0].Name);
    }

    [Fact]
    public void Odd_label_bytes_are_kept_faithfully_and_escaped_as_decimal()
    {
        var odd = Concat(Ascii("a.b\\c d<script>"), [0x0D, 0x0A, 0x00, 0x7F, 0xC3, 0xA9]);
        var message = ParseOk(Concat(DnsHeader(1, 0, 1, 0), Question(Concat(Label(odd), Name("local")), DnsRecordType.A)));
        Assert.Equal("a\\.b\\\\c d<script>\\013\\010\\000\\127\\195\\169.local", message.Questions[0].Name);
    }

    [Fact]
    public void Root_name_is_a_dot()
    {
        var message = ParseOk(Concat(DnsHeader(1, 0, 1, 0), Question(Name(), DnsRecordType.Ns)));
        Assert.Equal(".", message.Questions[0].Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(11)]
    public void A_header_shorter_than_12_bytes_is_TruncatedHeader(int length)
    {
        Assert.Equal(DnsParseError.TruncatedHeader, DnsMessageParser.Parse(new byte[length], out var message));
        Assert.Equal(DnsParseError.TruncatedHeader, message.Error);
        Assert.Empty(message.Questions);
    }

    [Fact]
    public void Counts_larger_than_the_data_stop_cleanly_keeping_what_was_read()
    {
        var payload = Concat(DnsHeader(1, 0x8000, 3, 0xFFFF, 0xFFFF, 0xFFFF), Question(Name("a"), DnsRecordType.A));
        Assert.Equal(DnsParseError.TruncatedQuestion, DnsMessageParser.Parse(payload, out var message));
        Assert.Single(message.Questions);
        Assert.Equal(3, message.QuestionCount);
    }

    [Fact]
    public void An_answer_count_larger_than_the_records_stops_cleanly_keeping_the_records_read()
    {
        var payload = Concat(DnsHeader(1, 0x8000, 1, 3), Question(Name("a"), DnsRecordType.A), Record(Pointer(12), DnsRecordType.A, Ipv4("10.0.0.1")));
        Assert.Equal(DnsParseError.TruncatedRecord, DnsMessageParser.Parse(payload, out var message));
        Assert.Single(message.Questions);
        Assert.Equal(IpAddr.Parse("10.0.0.1"), Assert.Single(message.Records).Address);
        Assert.Equal(3, message.AnswerCount);
    }

    [Fact]
    public void A_question_cut_inside_its_type_is_TruncatedQuestion()
    {
        var payload = Concat(DnsHeader(1, 0, 1, 0), Name("a"), [0, 1, 0]);
        Assert.Equal(DnsParseError.TruncatedQuestion, DnsMessageParser.Parse(payload, out _));
    }

    [Fact]
    public void An_answer_cut_in_its_fixed_part_or_its_rdata_is_TruncatedRecord()
    {
        var full = Concat(DnsHeader(1, 0x8000, 0, 2), Record(Name("a"), DnsRecordType.A, Ipv4("10.0.0.1")),
            Record(Name("b"), DnsRecordType.A, Ipv4("10.0.0.2")));
        Assert.Equal(DnsParseError.None, DnsMessageParser.Parse(full, out _));
        for (var cut = full.Length - 1; cut > full.Length - 16; cut--)
        {
            Assert.Equal(DnsParseError.TruncatedRecord, DnsMessageParser.Parse(full.AsSpan(0, cut), out var message));
            Assert.Equal(IpAddr.Parse("10.0.0.1"), Assert.Single(message.Records).Address);
        }
    }

    [Theory]
    [InlineData(DnsRecordType.A, 5)]
    [InlineData(DnsRecordType.A, 3)]
    [InlineData(DnsRecordType.Aaaa, 4)]
    [InlineData(DnsRecordType.Srv, 6)]
    [InlineData(DnsRecordType.Mx, 2)]
    public void Rdata_of_the_wrong_size_is_BadRdata(ushort type, int length)
    {
        var payload = Concat(DnsHeader(1, 0x8000, 0, 1), Record(Name("a"), type, new byte[length]));
        Assert.Equal(DnsParseError.BadRdata, DnsMessageParser.Parse(payload, out var message));
        Assert.Empty(message.Records);
    }

    [Fact]
    public void A_cname_target_running_past_its_rdata_is_BadRdata()
    {
        // rdlength says 2 but the name inside is 7 bytes long
        var payload = Concat(DnsHeader(1, 0x8000, 0, 1), Name("a"), Be16(DnsRecordType.Cname), Be16(1), Be32(1), Be16(2), Name("host", ""));
        Assert.Equal(DnsParseError.BadRdata, DnsMessageParser.Parse(payload, out _));
    }

    [Fact]
    public void A_compression_pointer_to_itself_is_a_ForwardPointer()
    {
        var payload = Concat(DnsHeader(1, 0, 1, 0), Pointer(12), Be16(1), Be16(1));
        Assert.Equal(DnsParseError.ForwardPointer, DnsMessageParser.Parse(payload, out _));
    }

    [Fact]
    public void A_compression_pointer_forward_is_a_ForwardPointer()
    {
        var payload = Concat(DnsHeader(1, 0, 1, 0), Pointer(18), Be16(1), Be16(1), Name("a"));
        Assert.Equal(DnsParseError.ForwardPointer, DnsMessageParser.Parse(payload, out _));
    }

    [Fact]
    public void A_compression_loop_back_into_the_same_name_is_PointerLoop()
    {
        // offset 12: label "a", then a pointer back to 12: a.a.a.a... forever without the rule
        var payload = Concat(DnsHeader(1, 0, 1, 0), Labels("a"), Pointer(12), Be16(1), Be16(1));
        Assert.Equal(DnsParseError.PointerLoop, DnsMessageParser.Parse(payload, out var message));
        Assert.Empty(message.Questions);
    }

    [Fact]
    public void A_loop_between_two_names_needs_a_forward_pointer_and_is_rejected()
    {
        // name 1 at 12: "x" + pointer to 18; name 2 at 18: "y" + pointer back to 12. Followed from name 1 the
        // first jump goes forward; followed from name 2 the jump lands on name 1, whose pointer is then forward.
        var payload = Concat(DnsHeader(1, 0x8000, 0, 1), Labels("x"), Pointer(18), [0, 0], Labels("y"), Pointer(12));
        Assert.Equal(DnsParseError.ForwardPointer, DnsMessageParser.Parse(payload, out _));
        Assert.Equal(DnsParseError.ForwardPointer, DnsNameReaderHarness.Read(payload, 18, out _));
    }

    [Fact]
    public void A_chain_of_more_than_32_pointers_is_PointerLoop()
    {
        // name "a" at 12..14, then pointers at 15, 17, 19...: each points to the one before it
        static (byte[] Message, int Last) Chain(int pointers)
        {
            var parts = new List<byte[]> { DnsHeader(1, 0, 0, 0), Name("a") };
            var previous = 12;
            for (var i = 0; i < pointers; i++)
            {
                parts.Add(Pointer(previous));
                previous = 15 + 2 * i;
            }
            return (Concat([.. parts]), previous);
        }
        var (ok, okStart) = Chain(DnsNameReader.MaxPointerFollows);
        Assert.Equal(DnsParseError.None, DnsNameReaderHarness.Read(ok, okStart, out var name));
        Assert.Equal("a", name);
        var (tooMany, tooManyStart) = Chain(DnsNameReader.MaxPointerFollows + 1);
        Assert.Equal(DnsParseError.PointerLoop, DnsNameReaderHarness.Read(tooMany, tooManyStart, out _));
    }

    [Fact]
    public void A_pointer_beyond_the_message_is_PointerOutOfRange()
    {
        var payload = Concat(DnsHeader(1, 0, 1, 0), Pointer(0x3FFF), Be16(1), Be16(1));
        Assert.Equal(DnsParseError.PointerOutOfRange, DnsMessageParser.Parse(payload, out _));
    }

    [Fact]
    public void A_pointer_cut_after_its_first_byte_is_truncated()
    {
        var payload = Concat(DnsHeader(1, 0, 1, 0), [0xC0]);
        Assert.Equal(DnsParseError.TruncatedQuestion, DnsMessageParser.Parse(payload, out _));
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0x7F)]
    [InlineData(0x80)]
    [InlineData(0xBF)]
    public void A_label_longer_than_63_or_of_a_reserved_type_is_LabelTooLong(byte lengthByte)
    {
        var payload = Concat(DnsHeader(1, 0, 1, 0), [lengthByte], new byte[lengthByte & 0x3F], [0], Be16(1), Be16(1));
        Assert.Equal(DnsParseError.LabelTooLong, DnsMessageParser.Parse(payload, out _));
    }

    [Fact]
    public void A_63_byte_label_is_fine()
    {
        var label = new string('x', 63);
        var message = ParseOk(Concat(DnsHeader(1, 0, 1, 0), Question(Name(label), 1)));
        Assert.Equal(label, message.Questions[0].Name);
    }

    [Fact]
    public void A_name_of_255_wire_bytes_is_fine_and_256_is_NameTooLong()
    {
        // 4 labels of 62 bytes = 252 bytes + root = 253; add a 1-byte label: 255
        var labels = Enumerable.Repeat(new string('n', 62), 4).ToList();
        var ok = Concat(DnsHeader(1, 0, 1, 0), Question(Name([.. labels, "z"]), 1));
        Assert.Equal(DnsParseError.None, DnsMessageParser.Parse(ok, out _));
        var tooLong = Concat(DnsHeader(1, 0, 1, 0), Question(Name([.. labels, "zz"]), 1));
        Assert.Equal(DnsParseError.NameTooLong, DnsMessageParser.Parse(tooLong, out _));
    }

    [Fact]
    public void A_name_made_too_long_by_compression_is_NameTooLong()
    {
        var first = Name([.. Enumerable.Repeat(new string('n', 62), 3)]);          // 190 wire bytes at offset 12
        var second = Concat(Labels(new string('m', 62), new string('m', 62)), Pointer(12));
        var payload = Concat(DnsHeader(1, 0, 2, 0), Question(first, 1), Question(second, 1));
        Assert.Equal(DnsParseError.NameTooLong, DnsMessageParser.Parse(payload, out var message));
        Assert.Single(message.Questions);
    }

    [Fact]
    public void A_name_without_its_root_label_is_truncated()
    {
        var payload = Concat(DnsHeader(1, 0, 1, 0), Labels("abc"));
        Assert.Equal(DnsParseError.TruncatedQuestion, DnsMessageParser.Parse(payload, out _));
    }

    [Fact]
    public void More_records_than_the_limit_is_TooManyRecords()
    {
        var questions = Enumerable.Repeat(Question(Name(), 1), DnsMessageParser.MaxRecords + 5).ToArray();
        var payload = Concat(DnsHeader(1, 0, DnsMessageParser.MaxRecords + 5, 0), Concat(questions));
        Assert.Equal(DnsParseError.TooManyRecords, DnsMessageParser.Parse(payload, out var message));
        Assert.Equal(DnsMessageParser.MaxRecords, message.Questions.Count);
    }
}
