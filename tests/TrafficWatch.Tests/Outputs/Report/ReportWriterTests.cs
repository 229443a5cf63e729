using System.Text.Json;
using TrafficWatch.Outputs.Report;
using TrafficWatch.Tests.Capture;

namespace TrafficWatch.Tests.Outputs.Report;

public sealed class ReportWriterTests
{
    [Theory]
    [InlineData("report.html", "<!DOCTYPE html>")]
    [InlineData("REPORT.HTM", "<!DOCTYPE html>")]
    [InlineData("report.json", "{")]
    [InlineData("report.md", "# TrafficWatch incident report")]
    public void The_extension_chooses_the_format(string name, string start)
    {
        using var dir = new TempDirectory();
        var path = dir.File(name);

        ReportWriter.Write(ReportSamples.Create(), path);

        var bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]);                                   // no BOM
        Assert.StartsWith(start, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_data_writes_byte_identical_files()
    {
        using var dir = new TempDirectory();
        foreach (var ext in new[] { "html", "json", "md" })
        {
            ReportWriter.Write(ReportSamples.Create(), dir.File("a." + ext));
            ReportWriter.Write(ReportSamples.Create(), dir.File("b." + ext));
            Assert.Equal(File.ReadAllBytes(dir.File("a." + ext)), File.ReadAllBytes(dir.File("b." + ext)));
        }
    }

    [Fact]
    public void An_unknown_extension_is_one_line_naming_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("report.txt");

        var ex = Assert.Throws<ReportWriteException>(() => ReportWriter.Write(ReportSamples.Create(), path));

        Assert.Equal($"report {path}: unknown format '.txt' (use .html, .json or .md)", ex.Message);
        Assert.False(File.Exists(path));
        Assert.False(ReportWriter.IsSupported(path));
    }

    [Fact]
    public void An_unwritable_path_is_one_line_naming_the_file()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("blocker"), "a file, not a directory");
        var path = Path.Combine(dir.File("blocker"), "report.html");

        var ex = Assert.Throws<ReportWriteException>(() => ReportWriter.Write(ReportSamples.Create(), path));

        Assert.StartsWith($"cannot write report {path}: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Json_and_html_agree_on_the_counts()
    {
        var data = ReportSamples.Create();

        using var doc = JsonDocument.Parse(ReportJsonWriter.Render(data));
        var html = ReportHtmlWriter.Render(data);

        Assert.Equal(doc.RootElement.GetProperty("alerts").GetArrayLength(), CountOf(html, "<article class=\"alert "));
        Assert.Equal(doc.RootElement.GetProperty("devices").GetArrayLength(), CountOf(html, "<tr class=\"device\""));
    }

    [Theory]
    [InlineData("plain/path.pcap", "plain/path.pcap")]
    [InlineData("with space.pcap", "'with space.pcap'")]
    [InlineData("it's.pcap", "'it'\\''s.pcap'")]
    [InlineData("$(rm -rf ~).pcap", "'$(rm -rf ~).pcap'")]
    [InlineData("new\nline", "'new\uFFFDline'")]
    public void Shell_quoting_keeps_arguments_whole(string input, string expected)
    {
        Assert.Equal(expected, ReportText.ShellQuote(input));
    }

    [Fact]
    public void Without_an_eve_file_the_command_uses_the_flow_id_or_the_device_and_window()
    {
        var data = ReportSamples.Create(evePath: null);

        Assert.EndsWith(" --out alert-" + data.Alerts[0].Id + ".pcap --flow-id 1234567890123", ReportText.ExtractCommand(data, data.Alerts[0]), StringComparison.Ordinal);
        Assert.EndsWith(" --device 02:00:00:00:0b:ad --from 2025-06-02T08:01:40Z --to 2025-06-02T08:06:40.000001Z",
            ReportText.ExtractCommand(data, data.Alerts[1]), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
