using System.Globalization;
using System.Text.RegularExpressions;
using TrafficWatch.Tests.Capture;
using Xunit.Abstractions;
using TrafficWatch.Tests.Support;

namespace TrafficWatch.Tests.Decode.AppTls;

/// <summary>
/// JA4 on real traffic: nDPI's own expected output (<c>expected/ndpiReader-*.out</c>, shipped with the ndpi-*
/// captures) prints a <c>[JA4: ...]</c> for each TLS flow; the parser's JA4 of the first ClientHello of that flow
/// must be the same. One known nDPI divergence from the FoxIO spec is checked the other way round: for an ALPN
/// list starting "spdy/3.1" nDPI prints "sp", while the spec takes the first and last characters ("s1", as its own
/// example "http/1.1" -> "h1" shows).
/// </summary>
public sealed partial class NdpiJa4AcceptanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Ja4_equals_ndpi_for_every_tls_flow_in_its_expected_output()
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return;
        }
        var matched = 0;
        var divergences = 0;
        var failures = new List<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(root, "pcaps"), "ndpi-*").Order(StringComparer.Ordinal))
        {
            var expected = Path.Combine(dir, "expected");
            if (!Directory.Exists(expected))
            {
                continue;
            }
            var capture = Directory.GetFiles(dir).FirstOrDefault(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal));
            if (capture is null)
            {
                continue;
            }
            AppCaptureScan? scan = null;
            foreach (var file in Directory.GetFiles(expected, "*.out"))
            {
                foreach (var line in File.ReadLines(file))
                {
                    var m = FlowWithJa4().Match(line);
                    if (!m.Success)
                    {
                        continue;
                    }
                    scan ??= AppCaptureScan.Run(capture);
                    var (a, aPort, b, bPort, ja4) = (Address(m.Groups["a"].Value), Port(m.Groups["ap"].Value),
                        Address(m.Groups["b"].Value), Port(m.Groups["bp"].Value), m.Groups["ja4"].Value);
                    var hello = scan.Hellos.FirstOrDefault(h =>
                        (Same(a, h.Direction.Source) && h.Direction.SourcePort == aPort && Same(b, h.Direction.Destination) && h.Direction.DestinationPort == bPort)
                        || (Same(b, h.Direction.Source) && h.Direction.SourcePort == bPort && Same(a, h.Direction.Destination) && h.Direction.DestinationPort == aPort));
                    if (hello is null)
                    {
                        failures.Add($"{Path.GetFileName(dir)} {a}:{aPort} <-> {b}:{bPort}: nDPI JA4 {ja4}, parser found no ClientHello");
                    }
                    else if (hello.Hello.Alpn.Count > 0 && hello.Hello.Alpn[0] == "spdy/3.1" && ja4[8..10] == "sp")
                    {
                        Assert.Equal(ja4[..8] + "s1" + ja4[10..], hello.Hello.Ja4);
                        divergences++;
                    }
                    else if (hello.Hello.Ja4 != ja4)
                    {
                        failures.Add($"{Path.GetFileName(dir)} frame {hello.Frame}: nDPI {ja4}, parser {hello.Hello.Ja4} ({hello.Hello.Ja4Raw})");
                    }
                    else
                    {
                        matched++;
                    }
                }
            }
        }
        output.WriteLine($"JA4 matched nDPI on {matched} TLS flows, known nDPI ALPN divergence {divergences}, failed {failures.Count}");
        Assert.True(matched > 0);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The address as the scan prints it, or null when nDPI printed one that does not parse (then only ports are compared).</summary>
    private static string? Address(string text)
        => System.Net.IPAddress.TryParse(text.Trim('[', ']'), out var address) ? address.ToString() : null;

    private static bool Same(string? expected, string actual) => expected is null || expected == actual;

    private static ushort Port(string text) => ushort.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\bTCP (?<a>\S+):(?<ap>\d+) <-> (?<b>\S+):(?<bp>\d+) .*\[JA4: (?<ja4>[^\]]+)\]")]
    private static partial Regex FlowWithJa4();
}
