using System.Buffers;
using System.Text;
using TrafficWatch.Outputs.Metrics;

namespace TrafficWatch.Tests.Metrics;

public sealed class LineProtocolTests
{
    private static readonly PacketTime T = new(1_750_000_000_123_456_789);

    private static string Line(MetricPoint point) => LineProtocol.ToLine(point);

    private static MetricPoint Point(string measurement = "traffic") => new(measurement, T);

    [Fact]
    public void Simple_point_renders_sorted_tags_integer_fields_and_ns_timestamp()
    {
        var point = Point()
            .Tag(MetricSchema.Tags.Zone, "cctv")
            .Tag(MetricSchema.Tags.Device, "cam-1")
            .Tag(MetricSchema.Tags.Class, "camera")
            .Field(MetricSchema.Fields.Bytes, 1500L)
            .Field(MetricSchema.Fields.Packets, 2L);

        Assert.Equal("traffic,class=camera,device=cam-1,zone=cctv bytes=1500i,packets=2i 1750000000123456789", Line(point));
    }

    [Fact]
    public void Empty_and_null_tag_values_are_left_out()
    {
        var point = Point().Tag("a", "").Tag("b", null).Tag("c", "x").Field("count", 1L);
        Assert.Equal("traffic,c=x count=1i 1750000000123456789", Line(point));
    }

    [Fact]
    public void Repeated_tag_key_keeps_the_first_value()
    {
        var point = Point().Tag("k", "first").Tag("k", "second").Field("count", 1L);
        Assert.Equal("traffic,k=first count=1i 1750000000123456789", Line(point));
    }

    [Theory]
    [InlineData("a,b", "a\\,b")]
    [InlineData("a b", "a\\ b")]
    [InlineData("a=b", "a\\=b")]
    [InlineData("say \"hi\"", "say\\ \"hi\"")]
    [InlineData("line1\nline2", "line1\\ line2")]
    [InlineData("crlf\r\nend", "crlf\\ \\ end")]
    [InlineData("tab\there", "tab\\ here")]
    [InlineData("nul\0x", "nul\\ x")]
    [InlineData("ls\u2028x", "ls\\ x")]
    [InlineData("Kamera-Ø-日本-🎥", "Kamera-Ø-日本-🎥")]
    [InlineData("back\\slash", "back\\slash")]
    [InlineData("trailing\\", "trailing/")]
    [InlineData("before\\,comma", "before/\\,comma")]
    [InlineData("before\\ space", "before/\\ space")]
    [InlineData("before\\=eq", "before/\\=eq")]
    [InlineData("before\\\u2028ls", "before/\\ ls")]
    [InlineData("before\\\nnl", "before/\\ nl")]
    [InlineData("cam,1 x=\"y\"\nevil,tag=1 bytes=999i", "cam\\,1\\ x\\=\"y\"\\ evil\\,tag\\=1\\ bytes\\=999i")]
    public void Hostile_tag_values_are_escaped_and_stay_on_one_line(string value, string expected)
    {
        var line = Line(Point().Tag("device", value).Field("count", 1L));
        Assert.Equal($"traffic,device={expected} count=1i 1750000000123456789", line);
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
    }

    [Fact]
    public void Tag_keys_and_field_keys_are_escaped_like_tag_values()
    {
        var line = Line(Point().Tag("odd key,=", "v").Field("f k=,", 1L));
        Assert.Equal("traffic,odd\\ key\\,\\==v f\\ k\\=\\,=1i 1750000000123456789", line);
    }

    [Fact]
    public void Measurement_escapes_comma_and_space_but_not_equals()
    {
        Assert.Equal("my\\ meas\\,x=y count=1i 1750000000123456789", Line(Point("my meas,x=y").Field("count", 1L)));
    }

    [Fact]
    public void String_fields_escape_quotes_and_backslashes_and_flatten_newlines()
    {
        var line = Line(Point("alerts").Field("explanation", "he said \"hi\" \\ bye\r\nnext line, a=b"));
        Assert.Equal("alerts explanation=\"he said \\\"hi\\\" \\\\ bye  next line, a=b\" 1750000000123456789", line);
    }

    [Fact]
    public void Long_tag_values_are_cut_to_the_bound()
    {
        var value = new string('x', 1000);
        var line = Line(Point().Tag("device_name", value).Field("count", 1L));
        Assert.Equal($"traffic,device_name={new string('x', LineProtocol.MaxTagValueLength)} count=1i 1750000000123456789", line);
    }

    [Fact]
    public void Cutting_never_splits_a_surrogate_pair()
    {
        var value = new string('x', LineProtocol.MaxTagValueLength - 1) + "🎥🎥";
        var line = Line(Point().Tag("d", value).Field("count", 1L));
        Assert.Equal($"traffic,d={new string('x', LineProtocol.MaxTagValueLength - 1)} count=1i 1750000000123456789", line);
    }

    [Fact]
    public void Long_string_fields_are_cut_to_the_bound()
    {
        var line = Line(Point("alerts").Field("explanation", new string('e', 10_000)));
        Assert.Equal($"alerts explanation=\"{new string('e', LineProtocol.MaxStringFieldLength)}\" 1750000000123456789", line);
    }

    [Fact]
    public void Field_types_render_as_influx_expects()
    {
        var line = Line(Point("m").Field("i", -42L).Field("f", 1.5).Field("whole", 2.0).Field("b", true).Field("n", false).Field("s", ""));
        Assert.Equal("m i=-42i,f=1.5,whole=2,b=true,n=false,s=\"\" 1750000000123456789", line);
    }

    [Fact]
    public void Non_finite_floats_are_left_out_and_a_point_without_fields_is_not_written()
    {
        Assert.Equal("m ok=1i 1750000000123456789", Line(Point("m").Field("nan", double.NaN).Field("ok", 1L)));
        var buffer = new ArrayBufferWriter<byte>();
        Assert.False(LineProtocol.Write(buffer, Point("m").Field("inf", double.PositiveInfinity)));
        Assert.False(LineProtocol.Write(buffer, Point("m").Tag("a", "b")));
        Assert.False(LineProtocol.Write(buffer, new MetricPoint("", T).Field("x", 1L)));
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void Batch_writes_one_line_per_valid_point_into_the_reused_buffer()
    {
        var buffer = new ArrayBufferWriter<byte>(16); // small on purpose: growth paths get exercised
        var points = new List<MetricPoint>
        {
            Point().Tag("device", "a\nb").Field("bytes", 1L),
            Point().Field("nothing", double.NaN),
            Point().Tag("device", new string('ü', 1000)).Field("bytes", 2L),
        };
        Assert.Equal(2, LineProtocol.WriteBatch(buffer, points));
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Equal(2, text.Count(static c => c == '\n'));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.StartsWith("traffic,device=a\\ b bytes=1i 1750000000123456789\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_tags_are_sorted_without_limit()
    {
        var point = Point("m").Field("x", 1L);
        for (var i = 40; i > 0; i--)
        {
            point.Tag("k" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), "v");
        }
        var line = Line(point);
        Assert.StartsWith("m,k01=v,k02=v,k03=v", line, StringComparison.Ordinal);
        Assert.Contains("k39=v,k40=v x=1i", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_constants_match_the_documented_names()
    {
        Assert.Equal("traffic", MetricSchema.Measurements.Traffic);
        Assert.Equal("dest_asn", MetricSchema.Tags.DestAsn);
        Assert.Equal("spool_bytes", MetricSchema.Fields.SpoolBytes);
        Assert.Equal(11, MetricSchema.TrafficTags.Count);
        Assert.Equal(9, MetricSchema.SensorFields.Count);
    }
}
