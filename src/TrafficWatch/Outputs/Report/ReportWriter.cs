using System.Text;

namespace TrafficWatch.Outputs.Report;

/// <summary>Writes a report in the format its file name asks for: <c>.html</c>/<c>.htm</c>, <c>.json</c> or <c>.md</c>.</summary>
public static class ReportWriter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>True when <paramref name="path"/> ends in an extension a report can be written as.</summary>
    public static bool IsSupported(string path) => Renderer(path) is not null;

    /// <summary>Renders and writes the report (UTF-8 without BOM, <c>\n</c> line ends; byte-identical for the same data).</summary>
    /// <exception cref="ReportWriteException">Unknown extension or the file cannot be written (one line naming the file).</exception>
    public static void Write(ReportData data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(path);
        var render = Renderer(path)
            ?? throw new ReportWriteException($"report {path}: unknown format '{Path.GetExtension(path)}' (use .html, .json or .md)");
        var text = render(data);
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
            File.WriteAllText(path, text, s_utf8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ReportWriteException($"cannot write report {path}: {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
    }

    private static Func<ReportData, string>? Renderer(string path)
        => Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".html" or ".htm" => ReportHtmlWriter.Render,
            ".json" => ReportJsonWriter.Render,
            ".md" or ".markdown" => ReportMarkdownWriter.Render,
            _ => null,
        };
}
