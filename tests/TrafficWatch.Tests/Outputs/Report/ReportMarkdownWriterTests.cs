using TrafficWatch.Outputs.Report;

namespace TrafficWatch.Tests.Outputs.Report;

public sealed class ReportMarkdownWriterTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("a | b", "a \\| b")]
    [InlineData("x](javascript:alert(1)) ![i](u)", "x\\](javascript:alert(1)) \\!\\[i\\](u)")]
    [InlineData("*bold* _it_ `code` ~~s~~ # h", "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\# h")]
    [InlineData("back\\slash & amp", "back\\\\slash &amp; amp")]
    [InlineData("two\nlines\r\u0007", "two\uFFFDlines\uFFFD\uFFFD")]
    public void Escape_makes_text_inert(string input, string expected)
    {
        Assert.Equal(expected, ReportMarkdownWriter.Escape(input));
    }

    [Fact]
    public void Table_rows_keep_their_column_count_whatever_the_names()
    {
        var data = ReportSamples.Create();

        var md = ReportMarkdownWriter.Render(data);

        var lines = md.Split('\n');
        var header = Array.FindIndex(lines, static l => l.StartsWith("| MAC |", StringComparison.Ordinal));
        Assert.True(header >= 0, md);
        var columns = UnescapedPipes(lines[header]);
        for (var i = 0; i < data.Devices.Count; i++)
        {
            Assert.Equal(columns, UnescapedPipes(lines[header + 2 + i]));
        }
        Assert.Equal(string.Empty, lines[header + 2 + data.Devices.Count]);
    }

    [Fact]
    public void No_raw_html_and_every_alert_with_its_command()
    {
        var data = ReportSamples.Create();

        var md = ReportMarkdownWriter.Render(data);

        Assert.DoesNotContain("<script", md, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", md, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("</td>", md, StringComparison.Ordinal);
        foreach (var alert in data.Alerts)
        {
            Assert.Contains($"- **Alert id:** {alert.Id}\n", md, StringComparison.Ordinal);
            Assert.Contains($"--alert {alert.Id} --eve out/eve.json\n```\n", md, StringComparison.Ordinal);
        }
        Assert.Contains("- **GeoIP databases:** GeoLite2-Country built 2025-06-01 00:00 UTC; GeoLite2-ASN built 2025-06-01 00:00 UTC\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_block_fence_is_longer_than_any_backtick_run_inside()
    {
        Assert.Equal("````sh\nrm ```x```\n````\n", ReportMarkdownWriter.CodeBlock("rm ```x```"));
        Assert.Equal("```sh\nls\n```\n", ReportMarkdownWriter.CodeBlock("ls"));
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        Assert.Equal(ReportMarkdownWriter.Render(ReportSamples.Create()), ReportMarkdownWriter.Render(ReportSamples.Create()));
    }

    private static int UnescapedPipes(string line)
    {
        var count = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == '|')
            {
                count++;
            }
        }
        return count;
    }
}
