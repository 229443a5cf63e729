using TrafficWatch.Outputs.Email;

namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>The text sanitizer every hostile value goes through before it reaches a header or a body.</summary>
public sealed class MailTextTests
{
    [Theory]
    [InlineData("evil.example\r\nBcc: evil@x", "evil.example Bcc: evil@x")]
    [InlineData("a\tb\0c\u0085d\u2028e", "a b c d e")]
    [InlineData("cam\u202Egnp.exe", "cam gnp.exe")]              // RIGHT-TO-LEFT OVERRIDE would spoof the name
    [InlineData("  leading and trailing  ", "leading and trailing")]
    [InlineData(null, "")]
    public void Line_removes_control_and_format_characters_and_keeps_one_line(string? input, string expected)
        => Assert.Equal(expected, MailText.Line(input, 100));

    [Fact]
    public void Line_replaces_a_lone_surrogate()
        => Assert.Equal("bad\uFFFDsurrogate", MailText.Line("bad\uD800surrogate", 100)); // not InlineData: xunit re-encodes it

    [Fact]
    public void Line_cuts_long_text_with_an_ellipsis_without_splitting_a_surrogate_pair()
    {
        Assert.Equal("abcd…", MailText.Line("abcdefghij", 5));
        var emoji = string.Concat(Enumerable.Repeat("\U0001F4F7", 10)); // camera emoji, two UTF-16 units each
        var cut = MailText.Line(emoji, 6);
        Assert.True(cut.Length <= 6);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(cut[^2]));
    }

    [Fact]
    public void Html_escapes_markup_and_quotes()
        => Assert.Equal("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;", MailText.Html("<script>alert('x')</script> & \"q\"", 200));
}
