using System.Text.RegularExpressions;
using TrafficWatch.Outputs.Report;
using TrafficWatch.Tests.Capture;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Outputs.Report;

/// <summary>The HTML report opened in a real browser (headless Chromium): it renders, hostile names stay text, counts match the model.</summary>
public sealed partial class ReportHtmlChromiumTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Chromium_renders_the_report_with_hostile_names_as_text_and_the_model_counts()
    {
        if (!HeadlessChromium.TryLocate(output, out var chromium))
        {
            return;
        }
        using var dir = new TempDirectory();
        var data = ReportSamples.Create();
        var html = dir.File("report.html");
        ReportWriter.Write(data, html);

        var dom = await HeadlessChromium.DumpDomAsync(chromium, html, dir.File("profile"));

        Assert.Contains("<h1>TrafficWatch incident report</h1>", dom, StringComparison.Ordinal);
        Assert.Contains("<svg", dom, StringComparison.Ordinal);
        // Hostile names are text nodes: the serializer shows them escaped, and no element came from them.
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
        // No onerror=/onmouseover= attribute on any element (in the serialized DOM, '"' inside a value is &quot;).
        Assert.Empty(EventHandlerAttribute().Matches(dom));
        Assert.Contains("title=\"OUI 44:19:b6 Hikvision; &quot; onmouseover=&quot;alert(1)\"", dom, StringComparison.Ordinal);

        Assert.Equal(data.Devices.Count, DeviceRow().Matches(dom).Count);
        Assert.Equal(data.Alerts.Count, AlertArticle().Matches(dom).Count);
        foreach (var alert in data.Alerts)
        {
            Assert.Contains($"id=\"alert-{alert.Id}\"", dom, StringComparison.Ordinal);
            Assert.Contains($"--alert {alert.Id} --eve out/eve.json", dom, StringComparison.Ordinal);
        }
        Assert.Contains("data-count-of=\"alerts\" data-count=\"3\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-severity=\"high\" data-count=\"2\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-severity=\"medium\" data-count=\"0\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-severity=\"low\" data-count=\"1\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-count-of=\"devices\" data-count=\"4\"", dom, StringComparison.Ordinal);
        Assert.Equal(3 + 2, Regex.Matches(dom, "<polyline class=\"series\"").Count);   // 3 zone lines + 2 flagged-device lines
    }

    [Fact]
    public async Task Chromium_prints_the_report_to_a_pdf()
    {
        if (!HeadlessChromium.TryLocate(output, out var chromium))
        {
            return;
        }
        using var dir = new TempDirectory();
        var html = dir.File("report.html");
        ReportWriter.Write(ReportSamples.Create(), html);
        var pdf = dir.File("report.pdf");

        await HeadlessChromium.PrintToPdfAsync(chromium, html, pdf, dir.File("profile"));

        var bytes = await File.ReadAllBytesAsync(pdf);
        Assert.True(bytes.Length > 10_000, $"PDF is only {bytes.Length} bytes");
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
    }

    [GeneratedRegex("<[^>]*\\son[a-z]+=\"", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex("<tr class=\"device\"")]
    private static partial Regex DeviceRow();

    [GeneratedRegex("<article class=\"alert ")]
    private static partial Regex AlertArticle();
}
