using System.Text;
using TrafficWatch.Decode.App.Http;
using TrafficWatch.Decode.App.Tls;

namespace TrafficWatch.Tests.Decode.AppTls;

/// <summary>
/// Fuzz-style robustness (fixed seed): 50,000 mutated or truncated inputs per parser through its Fuzz target.
/// Nothing may throw; results must stay inside their bounds.
/// </summary>
public class AppParserFuzzTests
{
    private const int Iterations = 50_000;

    [Fact]
    public void Tls_client_hello_parser_survives_50k_mutations()
    {
        byte[][] seeds =
        [
            TlsClientHelloParserTests.ChromeLike().Build(),
            TlsClientHelloParserTests.ChromeLike().BuildFragmented(40),
            TlsClientHelloParserTests.ChromeLike("x").Build(),
        ];
        Run(seeds, 0x7A51, static input =>
        {
            TlsClientHelloParser.Fuzz(input);
            if (TlsClientHelloParser.Parse(input, out var hello) == TlsParseStatus.Complete)
            {
                Assert.NotNull(hello);
                Assert.True(hello.Alpn.Count <= TlsClientHelloParser.MaxAlpnNames);
                Assert.True(hello.ServerName is null || hello.ServerName.Length <= TlsClientHelloParser.MaxServerNameLength);
            }
        });
    }

    [Fact]
    public void Tls_accumulator_survives_50k_random_splits()
    {
        var seed = TlsClientHelloParserTests.ChromeLike().Build();
        var random = new Random(0xACC);
        var accumulator = new TlsClientHelloAccumulator(2048);
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(seed, random);
            accumulator.Reset();
            var offset = 0;
            for (var guard = 0; guard < 64 && offset < input.Length; guard++)
            {
                var take = Math.Min(input.Length - offset, random.Next(1, 200));
                accumulator.Append(input.AsSpan(offset, take));
                offset += take;
            }
            Assert.True(accumulator.BufferedBytes <= 2048);
        }
    }

    [Fact]
    public void Http_request_parser_survives_50k_mutations()
    {
        byte[][] seeds =
        [
            Encoding.ASCII.GetBytes("GET /a?b=c HTTP/1.1\r\nHost: cam\r\nUser-Agent: x/1\r\nAuthorization: Basic Zm9v\r\n\r\n"),
            Encoding.ASCII.GetBytes("POST /upload HTTP/1.0\nContent-Length: 3\n\nabc"),
        ];
        Run(seeds, 0x4777, static input =>
        {
            HttpRequestParser.Fuzz(input);
            if (HttpRequestParser.Parse(input, out var request) is not HttpParseStatus.NotHttp && request is not null)
            {
                Assert.True(request.HeaderCount <= HttpRequestParser.MaxHeaderCount);
                Assert.True(request.UserAgent is null || request.UserAgent.Length <= 1024);
                Assert.True(request.AuthorizationScheme is null || request.AuthorizationScheme.Length <= 32);
            }
        });
    }

    [Fact]
    public void Ssdp_parser_survives_50k_mutations()
    {
        byte[][] seeds =
        [
            Encoding.ASCII.GetBytes(SsdpParserTests.MSearch),
            Encoding.ASCII.GetBytes(SsdpParserTests.Notify),
            Encoding.ASCII.GetBytes(SsdpParserTests.Response),
        ];
        Run(seeds, 0x55D9, static input =>
        {
            SsdpParser.Fuzz(input);
            if (SsdpParser.Parse(input, out var message) != SsdpParseStatus.NotSsdp)
            {
                Assert.NotNull(message);
                Assert.True(message.HeaderCount <= SsdpParser.MaxHeaderCount);
            }
        });
    }

    private static void Run(byte[][] seeds, int seed, Action<byte[]> target)
    {
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            target(Mutate(seeds[i % seeds.Length], random));
        }
    }

    /// <summary>Truncation, bit flips, random bytes, inserted/deleted runs, interesting length values, or pure noise.</summary>
    internal static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        var rounds = random.Next(1, 5);
        for (var r = 0; r < rounds; r++)
        {
            switch (random.Next(7))
            {
                case 0 when data.Count > 0:
                    var keep = random.Next(data.Count);
                    data.RemoveRange(keep, data.Count - keep);
                    break;
                case 1 when data.Count > 0:
                    var at = random.Next(data.Count);
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2 when data.Count > 0:
                    data[random.Next(data.Count)] = (byte)random.Next(256);
                    break;
                case 3:
                    var insert = new byte[random.Next(1, 64)];
                    random.NextBytes(insert);
                    data.InsertRange(random.Next(data.Count + 1), insert);
                    break;
                case 4 when data.Count > 2:
                    var start = random.Next(data.Count);
                    data.RemoveRange(start, Math.Min(data.Count - start, random.Next(1, 32)));
                    break;
                case 5 when data.Count > 2:
                    var pos = random.Next(data.Count - 1);
                    var value = random.Next(4) switch { 0 => 0x0000, 1 => 0xFFFF, 2 => 0x7FFF, _ => random.Next(0x10000) };
                    data[pos] = (byte)(value >> 8);
                    data[pos + 1] = (byte)value;
                    break;
                case 6:
                    var noise = new byte[random.Next(0, 300)];
                    random.NextBytes(noise);
                    return noise;
            }
        }
        return [.. data];
    }
}
