using System.Text;
using TrafficWatch.Decode.App.Http;

namespace TrafficWatch.Tests.Decode.AppTls;

public class HttpRequestParserTests
{
    private static HttpParseStatus Parse(string text, out HttpRequest? request)
        => HttpRequestParser.Parse(Encoding.Latin1.GetBytes(text), out request);

    [Fact]
    public void Simple_get_yields_method_uri_version_host_and_user_agent()
    {
        var status = Parse("GET /snapshot.jpg?ch=1 HTTP/1.1\r\nHost: 10.20.0.17:8080\r\nUser-Agent: VLC/3.0.18 LibVLC/3.0.18\r\nAccept: */*\r\n\r\n", out var r);

        Assert.Equal(HttpParseStatus.Complete, status);
        Assert.Equal("GET", r!.Method);
        Assert.Equal("/snapshot.jpg?ch=1", r.Uri);
        Assert.Equal("HTTP/1.1", r.Version);
        Assert.Equal("10.20.0.17:8080", r.Host);
        Assert.Equal("VLC/3.0.18 LibVLC/3.0.18", r.UserAgent);
        Assert.Equal(3, r.HeaderCount);
        Assert.True(r.HeadersComplete);
        Assert.False(r.HasBasicCredentials);
    }

    [Fact]
    public void Basic_authorization_is_flagged_but_the_credential_is_never_kept()
    {
        const string secret = "YWRtaW46MTIzNDU=";
        var status = Parse($"GET /ISAPI/System/deviceInfo HTTP/1.1\r\nhost: cam\r\nAUTHORIZATION: Basic {secret}\r\n\r\n", out var r);

        Assert.Equal(HttpParseStatus.Complete, status);
        Assert.Equal("Basic", r!.AuthorizationScheme);
        Assert.True(r.HasBasicCredentials);
        foreach (var property in typeof(HttpRequest).GetProperties())
        {
            Assert.DoesNotContain(secret, property.GetValue(r)?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Digest_and_proxy_basic_are_told_apart()
    {
        Parse("GET / HTTP/1.1\r\nAuthorization: Digest username=\"a\"\r\n\r\n", out var digest);
        Assert.Equal("Digest", digest!.AuthorizationScheme);
        Assert.False(digest.HasBasicCredentials);

        Parse("GET http://x/ HTTP/1.1\r\nProxy-Authorization: basic Zm9vOmJhcg==\r\n\r\n", out var proxy);
        Assert.True(proxy!.HasBasicCredentials);
    }

    [Fact]
    public void A_bare_cr_in_a_value_ends_parsing_and_the_injected_header_is_not_taken()
    {
        var status = Parse("GET / HTTP/1.1\r\nUser-Agent: x\rHost: evil.example\r\nHost: real.example\r\n\r\n", out var r);

        Assert.Equal(HttpParseStatus.Malformed, status);
        Assert.Null(r!.Host);
        Assert.Null(r.UserAgent);
    }

    [Fact]
    public void Encoded_crlf_stays_inside_the_value()
    {
        var status = Parse("GET / HTTP/1.1\r\nUser-Agent: a%0d%0aHost: evil\r\nHost: real\r\n\r\n", out var r);

        Assert.Equal(HttpParseStatus.Complete, status);
        Assert.Equal("a%0d%0aHost: evil", r!.UserAgent);
        Assert.Equal("real", r.Host);
    }

    [Fact]
    public void Obs_fold_a_header_without_colon_and_space_before_colon_are_malformed()
    {
        Assert.Equal(HttpParseStatus.Malformed, Parse("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", out _));
        Assert.Equal(HttpParseStatus.Malformed, Parse("GET / HTTP/1.1\r\nNoColonHere\r\n\r\n", out _));
        Assert.Equal(HttpParseStatus.Malformed, Parse("GET / HTTP/1.1\r\nHost : a\r\n\r\n", out _));
    }

    [Fact]
    public void A_value_is_cut_at_nul_and_a_header_with_control_bytes_is_skipped()
    {
        var status = Parse("POST /mms HTTP/1.1\r\nContent-Type: a\u0018b\r\nHost:%s\0" + "2.20.3.5\r\nUser-Agent: x\u0001y\r\n\r\n", out var r);

        Assert.Equal(HttpParseStatus.Complete, status);
        Assert.Equal("%s", r!.Host);
        Assert.Null(r.UserAgent);
        Assert.Equal(3, r.HeaderCount);
    }

    [Fact]
    public void A_request_line_cut_inside_the_version_keeps_method_and_uri()
    {
        Assert.Equal(HttpParseStatus.NeedMore, Parse("GET /images/sf.net_box.gif HTT", out var r));
        Assert.Equal("GET", r!.Method);
        Assert.Equal("/images/sf.net_box.gif", r.Uri);
        Assert.Equal("HTT", r.Version);
        Assert.False(r.HeadersComplete);

        Assert.Equal(HttpParseStatus.NeedMore, Parse("GET /images/sf.net_b", out var unfinished));
        Assert.Null(unfinished);
        Assert.Equal(HttpParseStatus.NeedMore, Parse("GET / XTT", out var wrongVersion));
        Assert.Null(wrongVersion);
    }

    [Fact]
    public void First_host_wins()
    {
        Parse("GET / HTTP/1.1\r\nHost: first\r\nHost: second\r\n\r\n", out var r);
        Assert.Equal("first", r!.Host);
    }

    [Fact]
    public void Lf_only_line_endings_are_accepted()
    {
        Assert.Equal(HttpParseStatus.Complete, Parse("GET / HTTP/1.0\nHost: a\n\n", out var r));
        Assert.Equal("a", r!.Host);
        Assert.Equal("HTTP/1.0", r.Version);
    }

    [Fact]
    public void Very_long_lines_are_bounded()
    {
        var longValue = new string('a', HttpRequestParser.MaxLineLength + 10);
        Assert.Equal(HttpParseStatus.TooLarge, Parse($"GET / HTTP/1.1\r\nUser-Agent: {longValue}\r\n\r\n", out var r));
        Assert.Null(r!.UserAgent);
        Assert.Equal(HttpParseStatus.TooLarge, Parse($"GET /{longValue} HTTP/1.1\r\n\r\n", out _));
        Assert.Equal(HttpParseStatus.TooLarge, Parse($"GET /{longValue}", out _));
        // An unfinished long line with no end yet, under the bound: wait for more.
        Assert.Equal(HttpParseStatus.NeedMore, Parse($"GET / HTTP/1.1\r\nUser-Agent: {longValue[..4000]}", out _));
    }

    [Fact]
    public void Long_values_are_cut_to_the_kept_length()
    {
        var ua = new string('b', 5000);
        Assert.Equal(HttpParseStatus.Complete, Parse($"GET / HTTP/1.1\r\nUser-Agent: {ua}\r\n\r\n", out var r));
        Assert.Equal(1024, r!.UserAgent!.Length);
    }

    [Fact]
    public void Too_many_headers_are_bounded()
    {
        var sb = new StringBuilder("GET / HTTP/1.1\r\n");
        for (var i = 0; i < HttpRequestParser.MaxHeaderCount + 5; i++)
        {
            sb.Append("X-").Append(i).Append(": v\r\n");
        }
        sb.Append("\r\n");
        Assert.Equal(HttpParseStatus.TooLarge, Parse(sb.ToString(), out var r));
        Assert.Equal(HttpRequestParser.MaxHeaderCount, r!.HeaderCount);
    }

    [Fact]
    public void A_head_cut_between_segments_needs_more_and_keeps_what_it_has()
    {
        Assert.Equal(HttpParseStatus.NeedMore, Parse("GE", out var none));
        Assert.Null(none);
        Assert.Equal(HttpParseStatus.NeedMore, Parse("GET /index.ht", out _));
        Assert.Equal(HttpParseStatus.NeedMore, Parse("GET / HTTP/1.1\r\nHost: cam.local\r\nUser-Ag", out var partial));
        Assert.Equal("cam.local", partial!.Host);
        Assert.False(partial.HeadersComplete);
    }

    [Theory]
    [InlineData("get / HTTP/1.1\r\n\r\n")]
    [InlineData("GET / FTP/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/2.0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n")]
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001")]
    [InlineData("GET\r\n")]
    [InlineData(" GET / HTTP/1.1\r\n")]
    [InlineData("AVERYLONGMETHODNAMEXYZ / HTTP/1.1\r\n")]
    public void Non_http_starts_are_rejected(string text) => Assert.Equal(HttpParseStatus.NotHttp, Parse(text, out _));

    [Fact]
    public void Control_bytes_in_the_uri_are_malformed()
        => Assert.Equal(HttpParseStatus.Malformed, Parse("GET /a\u0001b HTTP/1.1\r\n\r\n", out _));
}
