using TrafficWatch.Outputs.Report;

namespace TrafficWatch.Tests.Outputs.Report;

public sealed class ReportHtmlWriterTests
{
    [Fact]
    public void Hostile_strings_never_appear_raw_in_the_html()
    {
        var html = ReportHtmlWriter.Render(ReportSamples.Create());

        foreach (var hostile in new[] { ReportSamples.ImgName, ReportSamples.ScriptName, ReportSamples.AttributeBreaker, "</td></tr></table>" })
        {
            Assert.DoesNotContain(hostile, html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&quot; onmouseover=&quot;alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_document_is_self_contained_with_a_strict_content_security_policy()
    {
        var html = ReportHtmlWriter.Render(ReportSamples.Create());

        Assert.StartsWith("<!DOCTYPE html>\n", html, StringComparison.Ordinal);
        Assert.Contains("http-equiv=\"Content-Security-Policy\" content=\"default-src &#x27;none&#x27;; style-src &#x27;unsafe-inline&#x27;; img-src data:\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" src=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_from_the_wire_are_replaced()
    {
        var data = ReportSamples.Create() with
        {
            Devices = [ReportSamples.Create().Devices[0] with { Names = ["cam\u001b[31m\u0000\u202Eevil\r\nline"] }],
        };

        var html = ReportHtmlWriter.Render(data);

        Assert.DoesNotContain('\u001b', html);
        Assert.DoesNotContain('\u0000', html);
        Assert.DoesNotContain('\u202E', html);
        Assert.Contains("cam&#xFFFD;[31m&#xFFFD;&#xFFFD;evil&#xFFFD;&#xFFFD;line", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_the_same_data_twice_gives_identical_text()
    {
        Assert.Equal(ReportHtmlWriter.Render(ReportSamples.Create()), ReportHtmlWriter.Render(ReportSamples.Create()));
    }

    [Fact]
    public void Every_alert_has_its_explanation_and_evidence_command()
    {
        var data = ReportSamples.Create();

        var html = ReportHtmlWriter.Render(data);

        foreach (var alert in data.Alerts)
        {
            Assert.Contains($"<article class=\"alert {ReportText.SeverityName(alert.Severity)}\" id=\"alert-{alert.Id}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("trafficwatch extract &#x27;captures/city 1.pcap&#x27; &#x27;captures/it&#x27;\\&#x27;&#x27;s-2.pcap&#x27;", html, StringComparison.Ordinal);
        Assert.Contains("A device not in the asset register appeared", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_report_renders_with_none_and_no_charts()
    {
        var html = ReportHtmlWriter.Render(new ReportData { ToolVersion = "1" });

        Assert.Contains("no packets", html, StringComparison.Ordinal);
        Assert.Contains("<dt>GeoIP databases</dt><dd>none</dd>", html, StringComparison.Ordinal);
        Assert.Contains("No alerts.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
    }
}
