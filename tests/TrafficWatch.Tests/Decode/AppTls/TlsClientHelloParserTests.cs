using TrafficWatch.Decode.App.Tls;
using static TrafficWatch.Tests.Decode.AppTls.TlsHelloBuilder;

namespace TrafficWatch.Tests.Decode.AppTls;

public class TlsClientHelloParserTests
{
    private const string SpecCiphers = "1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035";
    private const string SpecSigalgs = "0403,0804,0401,0503,0805,0501,0806,0601";

    /// <summary>A Chrome-like hello: GREASE in ciphers, extensions, groups and versions; SNI; ALPN h2 + http/1.1.</summary>
    internal static TlsHelloBuilder ChromeLike(string host = "camera-cloud.example.com")
    {
        var b = new TlsHelloBuilder();
        b.Ciphers.Add(0x2A2A);
        b.Ciphers.AddRange(Hex(SpecCiphers));
        b.Extension(0xBABA)
            .Sni(host)
            .Extension(0x0017)
            .Extension(0xFF01, 0)
            .U16List(0x000A, 0x3A3A, 0x001D, 0x0017, 0x0018)
            .PointFormats(0)
            .Extension(0x0023)
            .Alpn("h2", "http/1.1")
            .U16List(0x000D, Hex(SpecSigalgs))
            .SupportedVersions(0x7A7A, 0x0304, 0x0303)
            .Extension(0x1A1A, 0);
        return b;
    }

    [Fact]
    public void Chrome_like_hello_yields_sni_alpn_lists_and_grease_free_ja3()
    {
        var status = TlsClientHelloParser.Parse(ChromeLike().Build(), out var hello);

        Assert.Equal(TlsParseStatus.Complete, status);
        Assert.NotNull(hello);
        Assert.Equal(0x0301, hello.RecordVersion);
        Assert.Equal(0x0303, hello.LegacyVersion);
        Assert.Equal("camera-cloud.example.com", hello.ServerName);
        Assert.Equal(["h2", "http/1.1"], hello.Alpn);
        Assert.Equal([0xBABA, 0x0000, 0x0017, 0xFF01, 0x000A, 0x000B, 0x0023, 0x0010, 0x000D, 0x002B, 0x1A1A], hello.Extensions);
        Assert.Equal([0x3A3A, 0x001D, 0x0017, 0x0018], hello.SupportedGroups);
        Assert.Equal([(byte)0], hello.EcPointFormats);
        Assert.Equal([0x7A7A, 0x0304, 0x0303], hello.SupportedVersions);
        Assert.Equal(Hex(SpecSigalgs), hello.SignatureAlgorithms);
        Assert.Equal(16, hello.CipherSuites.Count);
        Assert.Equal(
            "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,0-23-65281-10-11-35-16-13-43,29-23-24,0",
            hello.Ja3);
        Assert.Equal(32, hello.Ja3Hash.Length);
        Assert.StartsWith("t13d1509h2_8daaf6152771_", hello.Ja4, StringComparison.Ordinal);
    }

    [Fact]
    public void Published_ja4_spec_example_is_reproduced()
    {
        // FoxIO technical_details/JA4.md "Example": extension and cipher order as listed there, plus GREASE to ignore.
        var b = new TlsHelloBuilder();
        b.Ciphers.Add(0x0A0A);
        b.Ciphers.AddRange(Hex(SpecCiphers));
        b.Extension(0x0A0A);
        foreach (var type in Hex("001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015"))
        {
            _ = type switch
            {
                0x0000 => b.Sni("www.example.com"),
                0x0010 => b.Alpn("h2", "http/1.1"),
                0x000D => b.U16List(0x000D, Hex(SpecSigalgs)),
                0x002B => b.SupportedVersions(0x0A0A, 0x0304, 0x0303),
                _ => b.Extension(type),
            };
        }

        Assert.Equal(TlsParseStatus.Complete, TlsClientHelloParser.Parse(b.Build(), out var hello));
        Assert.Equal("t13d1516h2_8daaf6152771_e5627efa2ab1", hello!.Ja4);
        Assert.Equal(
            "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601",
            hello.Ja4Raw);
    }

    [Fact]
    public void Published_ja4_example_without_signature_algorithms_hashes_extensions_only()
    {
        // FoxIO JA4.md: "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01 = 6d807ffa2a79".
        var b = new TlsHelloBuilder();
        b.Ciphers.AddRange(Hex(SpecCiphers));
        foreach (var type in Hex("0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01"))
        {
            _ = type == 0x000D ? b.U16List(0x000D) : type == 0x002B ? b.SupportedVersions(0x0304) : b.Extension(type);
        }

        Assert.Equal(TlsParseStatus.Complete, TlsClientHelloParser.Parse(b.Build(), out var hello));
        Assert.Equal("t13i151400_8daaf6152771_6d807ffa2a79", hello!.Ja4);
    }

    [Fact]
    public void Published_chrome_143_fingerprints_are_reproduced()
    {
        // A published browserleaks capture of Chrome 143 (ja4, ja4_ro, ja3_text, ja3_hash as reported there).
        var b = new TlsHelloBuilder();
        b.Ciphers.Add(0x4A4A);
        b.Ciphers.AddRange(Hex("1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035"));
        b.Extension(0x4A4A);
        foreach (var type in Hex("002d,0033,0010,fe0d,0017,44cd,0000,000b,000a,002b,ff01,0023,0012,0005,000d,001b"))
        {
            _ = type switch
            {
                0x0000 => b.Sni("tls.browserleaks.com"),
                0x0010 => b.Alpn("h2", "http/1.1"),
                0x000A => b.U16List(0x000A, 0x5A5A, 4588, 29, 23, 24),
                0x000B => b.PointFormats(0),
                0x000D => b.U16List(0x000D, Hex(SpecSigalgs)),
                0x002B => b.SupportedVersions(0x5A5A, 0x0304, 0x0303),
                _ => b.Extension(type),
            };
        }
        b.Extension(0x8A8A, 0);

        Assert.Equal(TlsParseStatus.Complete, TlsClientHelloParser.Parse(b.Build(), out var hello));
        Assert.Equal("t13d1516h2_8daaf6152771_d8a2da3f94cd", hello!.Ja4);
        Assert.Equal(
            "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,4588-29-23-24,0",
            hello.Ja3);
        Assert.Equal("98487aa16281980e7d1120d399efb6a4", hello.Ja3Hash);
    }

    [Theory]
    [InlineData(new byte[] { 0x68, 0x32 }, "h2")]
    [InlineData(new byte[] { 0x68 }, "hh")]
    [InlineData(new byte[] { 0xAB }, "ab")]
    [InlineData(new byte[] { 0xAB, 0xCD }, "ad")]
    [InlineData(new byte[] { 0x30, 0xAB }, "3b")]
    [InlineData(new byte[] { 0x30, 0x31, 0xAB, 0xCD }, "3d")]
    [InlineData(new byte[] { 0x30, 0xAB, 0xCD, 0x31 }, "01")]
    [InlineData(new byte[0], "00")]
    public void Alpn_code_follows_the_published_rules(byte[] alpn, string expected)
        => Assert.Equal(expected, Ja4Fingerprint.AlpnCode(alpn));

    [Fact]
    public void Hello_without_extensions_gives_empty_ja3_fields_and_zero_ja4_c()
    {
        var b = new TlsHelloBuilder { LegacyVersion = 0x0301 };
        b.Ciphers.AddRange([0x002F, 0x0035]);
        var bytes = b.Build();
        // Drop the (empty) extensions block entirely, as old clients do.
        var handshakeLength = bytes.Length - 9 - 2;
        bytes = bytes[..^2];
        bytes[3] = (byte)((bytes.Length - 5) >> 8);
        bytes[4] = (byte)(bytes.Length - 5);
        bytes[6] = (byte)(handshakeLength >> 16);
        bytes[7] = (byte)(handshakeLength >> 8);
        bytes[8] = (byte)handshakeLength;

        Assert.Equal(TlsParseStatus.Complete, TlsClientHelloParser.Parse(bytes, out var hello));
        Assert.Equal("769,47-53,,,", hello!.Ja3);
        Assert.Null(hello.ServerName);
        Assert.Equal("t10i020000_" + hello.Ja4.Split('_')[1] + "_000000000000", hello.Ja4);
    }

    [Fact]
    public void Hello_split_over_three_segments_completes_on_the_last()
    {
        var bytes = ChromeLike().Build();
        var accumulator = new TlsClientHelloAccumulator();

        Assert.Equal(TlsParseStatus.NeedMore, accumulator.Append(bytes.AsSpan(0, 3)));
        Assert.Equal(TlsParseStatus.NeedMore, accumulator.Append(bytes.AsSpan(3, 100)));
        Assert.Equal(TlsParseStatus.Complete, accumulator.Append(bytes.AsSpan(103)));
        Assert.Equal("camera-cloud.example.com", accumulator.Result!.ServerName);
        Assert.Equal(TlsParseStatus.Complete, accumulator.Append([1, 2, 3]));
    }

    [Fact]
    public void Hello_fragmented_over_tls_records_and_segments_is_reassembled()
    {
        var whole = ChromeLike().Build();
        var fragmented = ChromeLike().BuildFragmented(50);
        Assert.Equal(TlsParseStatus.Complete, TlsClientHelloParser.Parse(fragmented, out var hello));
        TlsClientHelloParser.Parse(whole, out var reference);
        Assert.Equal(reference!.Ja3, hello!.Ja3);
        Assert.Equal(reference.Ja4, hello.Ja4);

        var accumulator = new TlsClientHelloAccumulator();
        var status = TlsParseStatus.NeedMore;
        for (var i = 0; i < fragmented.Length && status == TlsParseStatus.NeedMore; i += 37)
        {
            status = accumulator.Append(fragmented.AsSpan(i, Math.Min(37, fragmented.Length - i)));
        }
        Assert.Equal(TlsParseStatus.Complete, status);
        Assert.Equal(reference.Ja4, accumulator.Result!.Ja4);
    }

    [Fact]
    public void Every_truncation_of_a_hello_needs_more_and_never_completes()
    {
        var bytes = ChromeLike().Build();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Equal(TlsParseStatus.NeedMore, TlsClientHelloParser.Parse(bytes.AsSpan(0, length), out var hello));
            Assert.Null(hello);
        }
    }

    [Fact]
    public void Handshake_length_beyond_the_bound_is_malformed()
    {
        var bytes = ChromeLike().Build();
        bytes[6] = 0x01;                                                    // handshake length + 64 KiB
        Assert.Equal(TlsParseStatus.Malformed, TlsClientHelloParser.Parse(bytes, out _));
    }

    [Fact]
    public void Record_length_zero_or_oversized_is_not_tls()
    {
        var bytes = ChromeLike().Build();
        bytes[3] = 0xFF;
        Assert.Equal(TlsParseStatus.NotTls, TlsClientHelloParser.Parse(bytes, out _));
        bytes[3] = 0;
        bytes[4] = 0;
        Assert.Equal(TlsParseStatus.NotTls, TlsClientHelloParser.Parse(bytes, out _));
    }

    [Fact]
    public void Extension_length_beyond_its_data_is_malformed()
    {
        var b = new TlsHelloBuilder();
        b.Ciphers.Add(0x1301);
        b.Sni("a.example").Extension(0x0017);
        var bytes = b.Build();
        // The last extension (0x0017, length 0) now claims 0x0100 bytes.
        bytes[^2] = 0x01;
        Assert.Equal(TlsParseStatus.Malformed, TlsClientHelloParser.Parse(bytes, out var hello));
        Assert.Null(hello);
    }

    [Fact]
    public void Extensions_block_longer_than_the_handshake_is_malformed()
    {
        var b = new TlsHelloBuilder();
        b.Ciphers.Add(0x1301);
        b.Extension(0x0017);
        var bytes = b.Build();
        bytes[^5] = 0x10;                                                   // extensions total length 0x1004
        Assert.Equal(TlsParseStatus.Malformed, TlsClientHelloParser.Parse(bytes, out _));
    }

    [Fact]
    public void Session_id_longer_than_32_and_odd_cipher_length_are_malformed()
    {
        var b = new TlsHelloBuilder { SessionId = new byte[33] };
        b.Ciphers.Add(0x1301);
        Assert.Equal(TlsParseStatus.Malformed, TlsClientHelloParser.Parse(b.Build(), out _));

        var bytes = ChromeLike().Build();
        var cipherLengthOffset = 5 + 4 + 2 + 32 + 1 + 32;
        bytes[cipherLengthOffset + 1] ^= 1;
        Assert.Equal(TlsParseStatus.Malformed, TlsClientHelloParser.Parse(bytes, out _));
    }

    [Fact]
    public void Inner_list_lengths_beyond_the_extension_are_clamped_not_trusted()
    {
        var b = new TlsHelloBuilder();
        b.Ciphers.Add(0x1301);
        b.Extension(0x000A, 0xFF, 0xFF, 0x00, 0x1D)                         // claims 65535 bytes of groups, has 2
         .Extension(0x0000, 0x00, 0x40, 0x00, 0x00, 0x50, (byte)'x')        // server name longer than its list
         .Extension(0x0010, 0x00, 0x09, 0x20, (byte)'h');                   // ALPN name longer than its list
        Assert.Equal(TlsParseStatus.Complete, TlsClientHelloParser.Parse(b.Build(), out var hello));
        Assert.Equal([0x001D], hello!.SupportedGroups);
        Assert.Null(hello.ServerName);
        Assert.Empty(hello.Alpn);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("SSH-2.0-OpenSSH_9.6\r\n")]
    public void Other_protocols_are_not_tls(string text)
        => Assert.Equal(TlsParseStatus.NotTls, TlsClientHelloParser.Parse(System.Text.Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Server_hello_and_application_data_are_not_a_client_hello()
    {
        var bytes = ChromeLike().Build();
        bytes[5] = 2;
        Assert.Equal(TlsParseStatus.NotTls, TlsClientHelloParser.Parse(bytes, out _));
        bytes[0] = 23;
        Assert.Equal(TlsParseStatus.NotTls, TlsClientHelloParser.Parse(bytes, out _));
    }

    [Fact]
    public void Accumulator_reports_malformed_when_a_hello_outgrows_its_bound()
    {
        var b = ChromeLike();
        b.Extension(0x0015, new byte[3000]);                                // padding
        var bytes = b.Build();
        var accumulator = new TlsClientHelloAccumulator(maxBytes: 1024);
        var status = TlsParseStatus.NeedMore;
        for (var i = 0; i < bytes.Length && status == TlsParseStatus.NeedMore; i += 500)
        {
            status = accumulator.Append(bytes.AsSpan(i, Math.Min(500, bytes.Length - i)));
        }
        Assert.Equal(TlsParseStatus.Malformed, status);
        Assert.True(accumulator.BufferedBytes <= 1024);
    }

    [Fact]
    public void Grease_values_are_recognised()
    {
        Assert.True(TlsGrease.IsGrease(0x0A0A));
        Assert.True(TlsGrease.IsGrease(0xFAFA));
        Assert.False(TlsGrease.IsGrease(0x0A1A));
        Assert.False(TlsGrease.IsGrease(0x1301));
    }
}
