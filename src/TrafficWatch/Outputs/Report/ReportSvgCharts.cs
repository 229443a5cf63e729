using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace TrafficWatch.Outputs.Report;

/// <summary>
/// Charts drawn server-side as inline SVG (no script, no external asset): a line chart of bytes per interval and a
/// horizontal bar chart. Labels are HTML-escaped; coordinates use the invariant culture, so output is deterministic.
/// </summary>
internal static class ReportSvgCharts
{
    /// <summary>At most this many lines per chart; the rest are listed as not drawn.</summary>
    public const int MaxLines = 12;

    private const int Width = 760, Height = 240, Left = 72, Right = 12, Top = 12, Bottom = 34;

    public static readonly string[] Palette =
    [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939",
    ];

    private static readonly CultureInfo s_ci = CultureInfo.InvariantCulture;
    private static readonly HtmlEncoder s_html = HtmlEncoder.Default;

    private static string H(string? text) => s_html.Encode(ReportText.Clean(text));

    private static string F(double v) => v.ToString("0.#", s_ci);

    /// <summary>A line chart (one polyline per series) followed by an HTML legend.</summary>
    public static void LineChart(StringBuilder sb, string title, IReadOnlyList<ReportSeriesLine> lines, PacketTime start, int intervalSeconds)
    {
        var drawn = lines.Take(MaxLines).ToList();
        var points = drawn.Count == 0 ? 0 : drawn.Max(static l => l.Bytes.Count);
        if (points == 0)
        {
            sb.Append("<p class=\"empty\">No data for ").Append(H(title)).Append(".</p>\n");
            return;
        }
        var max = Math.Max(1, drawn.Max(static l => l.Bytes.Count == 0 ? 0 : l.Bytes.Max()));
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        sb.Append("<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
          .Append(Width).Append(' ').Append(Height).Append("\" width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\">\n");
        sb.Append("<title>").Append(H(title)).Append("</title>\n");
        // Grid and axis labels: 0, half and the maximum.
        for (var i = 0; i <= 2; i++)
        {
            var y = Top + plotH - plotH * i / 2.0;
            sb.Append("<line class=\"grid\" x1=\"").Append(Left).Append("\" y1=\"").Append(F(y)).Append("\" x2=\"").Append(Width - Right)
              .Append("\" y2=\"").Append(F(y)).Append("\"/>\n");
            sb.Append("<text class=\"axis\" x=\"").Append(Left - 6).Append("\" y=\"").Append(F(y + 4)).Append("\" text-anchor=\"end\">")
              .Append(H(ReportText.Bytes(max * i / 2))).Append("</text>\n");
        }
        var end = new PacketTime(start.Nanoseconds + (long)points * intervalSeconds * PacketTime.NanosPerSecond);
        sb.Append("<text class=\"axis\" x=\"").Append(Left).Append("\" y=\"").Append(Height - 10).Append("\">").Append(H(ReportText.Time(start))).Append("</text>\n");
        sb.Append("<text class=\"axis\" x=\"").Append(Width - Right).Append("\" y=\"").Append(Height - 10).Append("\" text-anchor=\"end\">")
          .Append(H(ReportText.Time(end))).Append("</text>\n");
        for (var li = 0; li < drawn.Count; li++)
        {
            var values = drawn[li].Bytes;
            sb.Append("<polyline class=\"series\" fill=\"none\" stroke-width=\"1.8\" stroke=\"").Append(Palette[li % Palette.Length]).Append("\" points=\"");
            for (var i = 0; i < values.Count; i++)
            {
                var x = points == 1 ? Left + plotW / 2.0 : Left + plotW * i / (double)(points - 1);
                var y = Top + plotH - plotH * (double)values[i] / max;
                if (i > 0)
                {
                    sb.Append(' ');
                }
                sb.Append(F(x)).Append(',').Append(F(y));
            }
            sb.Append("\"><title>").Append(H(drawn[li].Label)).Append("</title></polyline>\n");
        }
        sb.Append("</svg>\n<figcaption>").Append(H(title)).Append(string.Create(s_ci, $", bytes per {intervalSeconds} s")).Append("</figcaption>\n");
        sb.Append("<ul class=\"legend\">\n");
        for (var li = 0; li < drawn.Count; li++)
        {
            var total = drawn[li].Bytes.Sum();
            sb.Append("<li><span class=\"swatch\" style=\"background:").Append(Palette[li % Palette.Length]).Append("\"></span>")
              .Append(H(drawn[li].Label)).Append(" <span class=\"muted\">(").Append(H(ReportText.Bytes(total))).Append(")</span></li>\n");
        }
        sb.Append("</ul>\n");
        if (lines.Count > drawn.Count)
        {
            sb.Append("<p class=\"muted\">").Append(lines.Count - drawn.Count).Append(" more not drawn.</p>\n");
        }
        sb.Append("</figure>\n");
    }

    /// <summary>A horizontal bar chart: one labelled bar per entry, with its value.</summary>
    public static void BarChart(StringBuilder sb, string title, IReadOnlyList<(string Label, long Value)> bars)
    {
        if (bars.Count == 0)
        {
            sb.Append("<p class=\"empty\">No data for ").Append(H(title)).Append(".</p>\n");
            return;
        }
        const int rowH = 22, labelW = 90, valueW = 90;
        var height = Top + bars.Count * rowH + 8;
        var plotW = Width - labelW - valueW;
        var max = Math.Max(1, bars.Max(static b => b.Value));
        sb.Append("<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
          .Append(Width).Append(' ').Append(height).Append("\" width=\"").Append(Width).Append("\" height=\"").Append(height).Append("\">\n");
        sb.Append("<title>").Append(H(title)).Append("</title>\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var y = Top + i * rowH;
            var w = Math.Max(1, plotW * (double)bars[i].Value / max);
            sb.Append("<text class=\"axis\" x=\"").Append(labelW - 8).Append("\" y=\"").Append(y + 15).Append("\" text-anchor=\"end\">")
              .Append(H(bars[i].Label)).Append("</text>\n");
            sb.Append("<rect class=\"bar\" x=\"").Append(labelW).Append("\" y=\"").Append(y + 3).Append("\" width=\"").Append(F(w))
              .Append("\" height=\"").Append(rowH - 6).Append("\" fill=\"").Append(Palette[0]).Append("\"/>\n");
            sb.Append("<text class=\"axis\" x=\"").Append(F(labelW + w + 6)).Append("\" y=\"").Append(y + 15).Append("\">")
              .Append(H(ReportText.Bytes(bars[i].Value))).Append("</text>\n");
        }
        sb.Append("</svg>\n<figcaption>").Append(H(title)).Append("</figcaption>\n</figure>\n");
    }
}
