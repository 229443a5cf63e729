using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Tests.Capture;
using Xunit.Abstractions;
using static TrafficWatch.Tests.Decode.App.AppWire;
using TrafficWatch.Tests.Support;

namespace TrafficWatch.Tests.Decode.App;

/// <summary>
/// Fuzz-style robustness (fixed seed): 50,000 mutated and truncated copies of real messages (every DNS/mDNS/DHCP
/// datagram in the shared captures, plus hand-built ones) through each parser's <c>Fuzz</c> entry and
/// <c>Parse</c>. Nothing may throw, and results must stay within the documented bounds.
/// </summary>
public sealed class AppParserRobustnessTests(ITestOutputHelper output)
{
    private const int Iterations = 50_000;
    private const int MaxSeedsPerKind = 600;
    private const int MaxSeedsPerCapture = 25;
    private static readonly byte[] s_interesting = [0x00, 0x01, 0x03, 0x0C, 0x34, 0x3F, 0x40, 0x63, 0x7F, 0x80, 0xBF, 0xC0, 0xFE, 0xFF];

    [Fact]
    public void Dns_parser_survives_mutated_messages()
    {
        var seeds = Seeds(AppPorts.Dns, AppPorts.Mdns, HandBuiltDns());
        Run<DnsMessageParser>(seeds, 0x0D45, static payload =>
        {
            var error = DnsMessageParser.Parse(payload, out var message);
            Assert.Equal(error, message.Error);
            Assert.True(message.Questions.Count + message.Records.Count <= DnsMessageParser.MaxRecords);
            foreach (var name in message.Questions.Select(static q => q.Name).Concat(message.Records.Select(static r => r.Name)))
            {
                Assert.InRange(name.Length, 1, 1100);
            }
            return error.ToString();
        });
    }

    [Fact]
    public void Dhcp_parser_survives_mutated_messages()
    {
        var seeds = Seeds(AppPorts.DhcpServer, AppPorts.DhcpClient, HandBuiltDhcp());
        Run<DhcpMessageParser>(seeds, 0x0D4C, static payload =>
        {
            var error = DhcpMessageParser.Parse(payload, out var message);
            Assert.Equal(error, message.Error);
            Assert.True(message.OptionCodes.Count <= DhcpMessageParser.MaxOptions);
            Assert.True(message.ClientHardwareAddress.Length <= 16);
            return error.ToString();
        });
    }

    [Fact]
    public void Dhcpv6_parser_survives_mutated_messages()
    {
        var seeds = Seeds(AppPorts.Dhcpv6Client, AppPorts.Dhcpv6Server, HandBuiltDhcpv6());
        Run<Dhcpv6MessageParser>(seeds, 0x0D66, static payload =>
        {
            var error = Dhcpv6MessageParser.Parse(payload, out var message);
            Assert.Equal(error, message.Error);
            Assert.InRange(message.RelayDepth, 0, Dhcpv6MessageParser.MaxRelayDepth);
            Assert.True(message.OptionCodes.Count <= Dhcpv6MessageParser.MaxOptions);
            Assert.True(message.VendorClass.Count <= Dhcpv6MessageParser.MaxVendorClassItems);
            return error.ToString();
        });
    }

    [Fact]
    public void Every_parser_survives_every_other_parsers_seeds_and_random_bytes()
    {
        var all = Seeds(AppPorts.Dns, AppPorts.Mdns, HandBuiltDns())
            .Concat(Seeds(AppPorts.DhcpServer, AppPorts.DhcpClient, HandBuiltDhcp()))
            .Concat(Seeds(AppPorts.Dhcpv6Client, AppPorts.Dhcpv6Server, HandBuiltDhcpv6()))
            .ToList();
        var random = new Random(0x0A11);
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = new byte[random.Next(0, 700)];
            random.NextBytes(bytes);
            all.Add(bytes);
        }
        foreach (var payload in all)
        {
            DnsMessageParser.Fuzz(payload);
            DhcpMessageParser.Fuzz(payload);
            Dhcpv6MessageParser.Fuzz(payload);
        }
    }

    /// <summary>Drives <typeparamref name="T"/>.Fuzz and <paramref name="check"/> (which returns the status) over mutants.</summary>
    private void Run<T>(List<byte[]> seeds, int seed, Func<byte[], string> check)
        where T : IAppFuzzTarget
    {
        Assert.NotEmpty(seeds);
        var random = new Random(seed);
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Iterations; i++)
        {
            var mutant = Mutate(seeds[random.Next(seeds.Count)], seeds, random);
            try
            {
                T.Fuzz(mutant);
                var status = check(mutant);
                errors[status] = errors.GetValueOrDefault(status) + 1;
            }
            catch (Exception ex)
            {
                Assert.Fail($"{typeof(T).Name} threw on iteration {i} ({Convert.ToHexString(mutant)}): {ex}");
            }
        }
        output.WriteLine($"{typeof(T).Name}: {Iterations} mutants of {seeds.Count} seeds, no exception; statuses: "
            + string.Join(", ", errors.OrderByDescending(static e => e.Value).Select(static e => $"{e.Key} {e.Value}")));
    }

    private static byte[] Mutate(byte[] original, List<byte[]> seeds, Random random)
    {
        var data = new List<byte>(original);
        var operations = random.Next(1, 4);
        for (var op = 0; op < operations; op++)
        {
            switch (random.Next(6))
            {
                case 0 when data.Count > 0:                         // truncate
                    var keep = random.Next(data.Count);
                    data.RemoveRange(keep, data.Count - keep);
                    break;
                case 1 when data.Count > 0:                         // flip bits
                    for (var k = random.Next(1, 9); k > 0; k--)
                    {
                        var at = random.Next(data.Count);
                        data[at] ^= (byte)(1 << random.Next(8));
                    }
                    break;
                case 2 when data.Count > 0:                         // interesting bytes (lengths, pointers, codes)
                    for (var k = random.Next(1, 5); k > 0; k--)
                    {
                        data[random.Next(data.Count)] = s_interesting[random.Next(s_interesting.Length)];
                    }
                    break;
                case 3:                                             // insert random bytes
                    var insert = new byte[random.Next(1, 16)];
                    random.NextBytes(insert);
                    data.InsertRange(random.Next(data.Count + 1), insert);
                    break;
                case 4:                                             // splice in part of another seed
                    var other = seeds[random.Next(seeds.Count)];
                    if (other.Length > 0)
                    {
                        var from = random.Next(other.Length);
                        data.InsertRange(random.Next(data.Count + 1), other.Skip(from).Take(random.Next(1, 64)));
                    }
                    break;
                case 5 when data.Count > 1:                         // compression pointer or big length anywhere
                    var pos = random.Next(data.Count - 1);
                    data[pos] = (byte)(random.Next(2) == 0 ? 0xC0 | random.Next(0x40) : 0xFF);
                    data[pos + 1] = (byte)random.Next(256);
                    break;
            }
        }
        return [.. data];
    }

    /// <summary>UDP payloads on the given ports from every shared capture (at most <see cref="MaxSeedsPerCapture"/> per capture and <see cref="MaxSeedsPerKind"/> in all), plus hand-built ones.</summary>
    private List<byte[]> Seeds(ushort portA, ushort portB, IEnumerable<byte[]> handBuilt)
    {
        var seeds = new List<byte[]>(handBuilt);
        if (!SharedTestData.TryLocate(output, out var root))
        {
            return seeds;
        }
        var fromCaptures = 0;
        foreach (var dir in Directory.GetDirectories(Path.Combine(root, "pcaps")).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(dir).Where(static f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal)))
            {
                using var source = CaptureFiles.Open(file);
                var fromThisCapture = 0;
                while (fromCaptures < MaxSeedsPerKind && fromThisCapture < MaxSeedsPerCapture && source.Next(out var frame) == ReadStatus.Packet)
                {
                    var meta = default(PacketMeta);
                    PacketDecoder.Decode(frame.LinkType, frame.Data, ref meta);
                    if (meta.HasFlowKey && meta.Protocol == 17 && !meta.IsIcmpErrorQuote && meta.PayloadLength > 0
                        && (meta.SrcPort == portA || meta.DstPort == portA || meta.SrcPort == portB || meta.DstPort == portB))
                    {
                        seeds.Add(frame.Data.Slice(meta.PayloadOffset, meta.PayloadLength).ToArray());
                        fromCaptures++;
                        fromThisCapture++;
                    }
                }
            }
        }
        output.WriteLine($"ports {portA}/{portB}: {fromCaptures} seeds from the shared captures, {seeds.Count - fromCaptures} hand-built");
        return seeds;
    }

    private static IEnumerable<byte[]> HandBuiltDns()
    {
        yield return Concat(DnsHeader(7, 0x8180, 1, 3, 0, 1),
            Question(Name("www", "example", "com"), DnsRecordType.A),
            Record(Pointer(12), DnsRecordType.Cname, Concat(Labels("edge"), Pointer(16))),
            Record(Pointer(12), DnsRecordType.A, Ipv4("192.0.2.10")),
            Record(Pointer(12), DnsRecordType.Srv, Concat(Be16(0), Be16(5), Be16(554), Pointer(12))),
            Record(Name(), DnsRecordType.Opt, [], rclass: 1232));
        yield return Concat(DnsHeader(0, 0x8400, 0, 2),
            Record(Name("_http", "_tcp", "local"), DnsRecordType.Ptr, Concat(Labels("cam 1"), Pointer(12))),
            Record(Name("cam", "local"), DnsRecordType.Aaaa, new byte[16], rclass: 0x8001));
    }

    private static IEnumerable<byte[]> HandBuiltDhcp()
    {
        yield return Dhcp(Concat(Option(53, [3]), Option(12, Ascii("nas1\0")), Option(55, [1, 3, 6]), Option(60, Ascii("udhcp")),
            Option(81, Concat([4, 0, 0], Name("cam", "local"))), Option(50, Ipv4("10.0.0.2")), Option(61, Concat([1], Mac("00:11:22:33:44:55"))), [255]));
        yield return Dhcp(Concat(Option(52, [3]), [255]), sname: Concat(Option(12, Ascii("s")), [255]), file: Concat(Option(60, Ascii("f")), [255]));
    }

    private static IEnumerable<byte[]> HandBuiltDhcpv6()
    {
        var solicit = V6Message(1, 0x123456, V6Option(1, Concat(Be16(1), Be16(1), Be32(1), Mac("00:11:22:33:44:55"))),
            V6Option(6, Concat(Be16(23), Be16(24))), V6Option(16, Concat(Be32(311), Be16(3), Ascii("abc"))),
            V6Option(39, Concat([1], Name("cam", "local"))));
        yield return solicit;
        yield return V6Relay(12, 0, "2001:db8::1", "fe80::1", V6Option(79, Concat(Be16(1), Mac("00:11:22:33:44:55"))), V6Option(9, solicit));
        yield return V6Message(7, 0x123456, V6Option(2, Concat(Be16(3), Be16(1), Mac("02:00:00:00:00:01"))),
            V6Option(1, Concat(Be16(3), Be16(1), Mac("00:11:22:33:44:55"))),
            V6Option(3, Concat(Be32(1), Be32(3600), Be32(5400), V6Option(5, Concat(new byte[16], Be32(7200), Be32(7500))))),
            V6Option(23, new byte[32]), V6Option(39, Concat([0], Labels("partial"))));
        yield return V6Message(11, 0x000001, V6Option(8, Be16(0)), V6Option(6, Concat(Be16(23), Be16(24), Be16(31))),
            V6Option(15, Concat(Be16(5), Ascii("class"))));
        yield return V6Relay(13, 0, "2001:db8::1", "fe80::1", V6Option(18, Ascii("eth0")), V6Option(9, V6Message(2, 5, V6Option(13, Be16(0)))));
        yield return V6Relay(12, 1, "2001:db8::2", "2001:db8::1", V6Option(9, V6Relay(12, 0, "2001:db8::1", "fe80::1", V6Option(9, solicit))));
    }
}
