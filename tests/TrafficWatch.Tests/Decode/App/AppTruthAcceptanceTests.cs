using System.Text.Json;
using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Tests.Capture;
using Xunit.Abstractions;
using TrafficWatch.Tests.Support;

namespace TrafficWatch.Tests.Decode.App;

/// <summary>
/// Every shared capture with a <c>truth/app.json</c> (tshark 4.0.17) read through Capture and Decode, its DNS/mDNS
/// and DHCP datagrams through the App parsers: every answer, client MAC, hostname, vendor class, PRL, FQDN and
/// requested address tshark saw must be found in the same frame. Truth entries that are not a plain UDP datagram
/// (tshark also reassembles DNS over TCP and IP fragments, and dissects ICMP-quoted packets) are skipped,
/// counted and printed, and must stay few.
/// </summary>
public sealed class AppTruthAcceptanceTests(ITestOutputHelper output)
{
    private const int MaxSkippedEntries = 10;

    [Fact]
    public void Every_dns_answer_and_dhcp_field_in_the_truth_is_found_in_its_frame()
    {
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return;
        }
        var tally = new TruthTally();
        foreach (var dir in Directory.GetDirectories(Path.Combine(root, "pcaps")).Order(StringComparer.Ordinal))
        {
            var appPath = Path.Combine(dir, "truth", "app.json");
            var summaryPath = Path.Combine(dir, "truth", "summary.json");
            if (!File.Exists(appPath) || !File.Exists(summaryPath))
            {
                continue;
            }
            using var app = JsonDocument.Parse(File.ReadAllText(appPath));
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            var dns = Index(app.RootElement.GetProperty("dns_responses"));
            var dhcp = Index(app.RootElement.GetProperty("dhcp"));
            tally.Captures++;
            if (dns.Count == 0 && dhcp.Count == 0)
            {
                continue;
            }
            tally.CapturesWithEntries++;
            var name = Path.GetFileName(dir);
            var file = Path.Combine(dir, summary.RootElement.GetProperty("file").GetString()!);
            CheckCapture(name, file, dns, dhcp, tally);
        }

        output.WriteLine($"{tally.Captures} captures with truth/app.json, {tally.CapturesWithEntries} with DNS or DHCP entries");
        output.WriteLine($"DNS responses: {tally.DnsChecked} checked, {tally.DnsValues} answers/queries/rcodes matched");
        foreach (var line in tally.DnsParseErrors)
        {
            output.WriteLine("  DNS message with a parse error (truth still checked): " + line);
        }
        output.WriteLine($"DHCP messages: {tally.DhcpChecked} checked, {tally.DhcpValues} fields matched");
        output.WriteLine($"skipped truth entries: {tally.Skipped.Count}");
        foreach (var line in tally.Skipped)
        {
            output.WriteLine("  skipped " + line);
        }
        foreach (var line in tally.Failures)
        {
            output.WriteLine("  FAIL " + line);
        }
        Assert.True(tally.DnsChecked > 0 && tally.DhcpChecked > 0, "no truth entries were checked");
        Assert.True(tally.Failures.Count == 0, string.Join(Environment.NewLine, tally.Failures));
        Assert.True(tally.Skipped.Count <= MaxSkippedEntries, $"{tally.Skipped.Count} truth entries skipped (at most {MaxSkippedEntries} expected)");
    }

    private static Dictionary<long, List<JsonElement>> Index(JsonElement entries)
    {
        var byFrame = new Dictionary<long, List<JsonElement>>();
        foreach (var entry in entries.EnumerateArray())
        {
            var frame = entry.GetProperty("frame").GetInt64();
            if (!byFrame.TryGetValue(frame, out var list))
            {
                byFrame[frame] = list = [];
            }
            list.Add(entry.Clone());
        }
        return byFrame;
    }

    private static void CheckCapture(string name, string file, Dictionary<long, List<JsonElement>> dns,
        Dictionary<long, List<JsonElement>> dhcp, TruthTally tally)
    {
        using var source = CaptureFiles.Open(file);
        long frameNumber = 0;
        var seen = new HashSet<long>();
        while (source.Next(out var frame) == ReadStatus.Packet)
        {
            frameNumber++;
            var hasDns = dns.TryGetValue(frameNumber, out var dnsEntries);
            var hasDhcp = dhcp.TryGetValue(frameNumber, out var dhcpEntries);
            if (!hasDns && !hasDhcp)
            {
                continue;
            }
            seen.Add(frameNumber);
            var meta = default(PacketMeta);
            PacketDecoder.Decode(frame.LinkType, frame.Data, ref meta);
            var where = $"{name} frame {frameNumber}";
            var count = (dnsEntries?.Count ?? 0) + (dhcpEntries?.Count ?? 0);
            var reason = WhyNotPlainUdp(in meta);
            if (reason is not null)
            {
                for (var i = 0; i < count; i++)
                {
                    tally.Skipped.Add($"{where}: {reason}");
                }
                continue;
            }
            var payload = frame.Data.Slice(meta.PayloadOffset, meta.PayloadLength);
            foreach (var entry in dnsEntries ?? [])
            {
                CheckDns(where, payload, in meta, entry, tally);
            }
            foreach (var entry in dhcpEntries ?? [])
            {
                CheckDhcp(where, payload, entry, tally);
            }
        }
        foreach (var missing in dns.Keys.Concat(dhcp.Keys).Where(f => !seen.Contains(f)))
        {
            tally.Failures.Add($"{name} frame {missing}: not read from the capture");
        }
    }

    private static string? WhyNotPlainUdp(in PacketMeta meta)
    {
        if (!meta.HasFlowKey)
        {
            return "no IP flow decoded";
        }
        if (meta.IsIcmpErrorQuote)
        {
            return "ICMP error quoting the datagram";
        }
        if (meta.IsFragment)
        {
            return "IP fragment (tshark reassembles)";
        }
        if (meta.Protocol == 6)
        {
            return "DNS over TCP (tshark reassembles)";
        }
        if (meta.Protocol != 17)
        {
            return $"IP protocol {meta.Protocol}";
        }
        return AppPorts.IsAppPort(meta.SrcPort) || AppPorts.IsAppPort(meta.DstPort)
            ? null
            : $"UDP ports {meta.SrcPort}->{meta.DstPort} are not DNS/mDNS/DHCP";
    }

    private static void CheckDns(string where, ReadOnlySpan<byte> payload, in PacketMeta meta, JsonElement entry, TruthTally tally)
    {
        tally.DnsChecked++;
        var error = DnsMessageParser.Parse(payload, out var message);
        if (error != DnsParseError.None)
        {
            tally.DnsParseErrors.Add($"{where}: {error}");
        }
        var kind = entry.GetProperty("kind").GetString();
        var isMdns = meta.SrcPort == 5353 || meta.DstPort == 5353;
        if (kind != (isMdns ? "mdns" : "dns"))
        {
            tally.Failures.Add($"{where}: truth kind {kind}, ports {meta.SrcPort}->{meta.DstPort}");
        }
        if (!message.IsResponse)
        {
            tally.Failures.Add($"{where}: QR bit not set (parse {error})");
        }
        Expect(where, "rcode", entry.GetProperty("rcode").GetString(), message.Rcode.ToString(System.Globalization.CultureInfo.InvariantCulture), tally);
        var questions = message.Questions.Select(static q => q.Name).ToHashSet(StringComparer.Ordinal);
        var addresses = message.Records.Where(static r => r.HasAddress).Select(static r => IpAddr.ToString(r.Address)).ToHashSet(StringComparer.Ordinal);
        var cnames = Targets(message, DnsRecordType.Cname);
        var ptrs = Targets(message, DnsRecordType.Ptr);
        ExpectAll(where, "query", entry.GetProperty("queries"), questions, error, tally);
        ExpectAll(where, "a", entry.GetProperty("a"), addresses, error, tally);
        ExpectAll(where, "aaaa", entry.GetProperty("aaaa"), addresses, error, tally);
        ExpectAll(where, "cname", entry.GetProperty("cname"), cnames, error, tally);
        ExpectAll(where, "ptr", entry.GetProperty("ptr"), ptrs, error, tally);
    }

    private static HashSet<string> Targets(DnsMessage message, ushort type)
        => message.Records.Where(r => r.Type == type && r.Target is not null).Select(static r => r.Target!).ToHashSet(StringComparer.Ordinal);

    private static void CheckDhcp(string where, ReadOnlySpan<byte> payload, JsonElement entry, TruthTally tally)
    {
        tally.DhcpChecked++;
        var error = DhcpMessageParser.Parse(payload, out var message);
        if (error != DhcpParseError.None)
        {
            tally.Failures.Add($"{where}: DHCP parse error {error}");
        }
        Expect(where, "msg_type", Text(entry, "msg_type"), message.MessageType == DhcpMessageType.None ? null : message.MessageType.ToString().ToUpperInvariant(), tally);
        Expect(where, "client_mac", Text(entry, "client_mac"), message.ClientMac?.ToString(), tally);
        Expect(where, "hostname", Text(entry, "hostname"), Blank(message.Hostname), tally);
        Expect(where, "vendor_class", Text(entry, "vendor_class"), Blank(message.VendorClass), tally);
        Expect(where, "fqdn", Text(entry, "fqdn"), Blank(message.ClientFqdn?.Name), tally);
        Expect(where, "requested_ip", Text(entry, "requested_ip"), message.RequestedAddress is { } r ? IpAddr.ToString(r) : null, tally);
        Expect(where, "yiaddr", Text(entry, "yiaddr"), IpAddr.ToString(message.YourAddress), tally);
        Expect(where, "ciaddr", Text(entry, "ciaddr"), IpAddr.ToString(message.ClientAddress), tally);
        var prl = entry.GetProperty("param_request_list").EnumerateArray().Select(static e => e.GetInt32()).ToArray();
        var actual = message.ParameterRequestList.Select(static b => (int)b).ToArray();
        if (!prl.SequenceEqual(actual))
        {
            tally.Failures.Add($"{where}: param_request_list [{string.Join(',', prl)}], parsed [{string.Join(',', actual)}]");
        }
        else if (prl.Length != 0)
        {
            tally.DhcpValues++;
        }
    }

    private static string? Text(JsonElement entry, string property)
        => entry.GetProperty(property) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static void Expect(string where, string field, string? expected, string? actual, TruthTally tally)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            tally.Failures.Add($"{where}: {field} truth '{expected}', parsed '{actual}'");
            return;
        }
        if (expected is not null)
        {
            if (field is "rcode")
            {
                tally.DnsValues++;
            }
            else
            {
                tally.DhcpValues++;
            }
        }
    }

    private static void ExpectAll(string where, string field, JsonElement expected, HashSet<string> actual, DnsParseError error, TruthTally tally)
    {
        foreach (var value in expected.EnumerateArray().Select(static e => e.GetString()!))
        {
            if (actual.Contains(value))
            {
                tally.DnsValues++;
            }
            else
            {
                tally.Failures.Add($"{where}: {field} '{value}' not found (parse {error}; have {string.Join(", ", actual)})");
            }
        }
    }
}
