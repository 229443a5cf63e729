namespace TrafficWatch.Simulation;

/// <summary>
/// TLS records: a real ClientHello (SNI, groups, signature algorithms, ALPN, key share) in a browser-like TLS 1.3
/// flavour and an embedded-device TLS 1.2 flavour (different JA3/JA4), a ServerHello flight, and opaque
/// application data records.
/// </summary>
internal static class TlsRecords
{
    private static readonly ushort[] s_browserSuites =
        [0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035];

    private static readonly ushort[] s_embeddedSuites = [0xC02F, 0xC030, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035, 0x000A];

    public static byte[] ClientHello(Random random, string serverName, bool browser)
    {
        var b = new PayloadBuilder();
        b.U8(0x16).U16(0x0301);
        var record = b.Mark16();
        b.U8(1);
        var handshake = b.Mark24();
        b.U16(0x0303).Random(random, 32);
        if (browser)
        {
            b.U8(32).Random(random, 32);
        }
        else
        {
            b.U8(0);
        }
        var suites = browser ? s_browserSuites : s_embeddedSuites;
        b.U16(suites.Length * 2);
        foreach (var suite in suites)
        {
            b.U16(suite);
        }
        b.U8(1).U8(0);
        var extensions = b.Mark16();

        b.U16(0x0000);
        var sni = b.Mark16();
        b.U16(serverName.Length + 3).U8(0).U16(serverName.Length).Ascii(serverName);
        b.PatchLength16(sni);
        if (browser)
        {
            b.U16(0x0017).U16(0);
            b.U16(0xFF01).U16(1).U8(0);
        }
        b.U16(0x000A);
        if (browser)
        {
            b.U16(8).U16(6).U16(0x001D).U16(0x0017).U16(0x0018);
        }
        else
        {
            b.U16(6).U16(4).U16(0x0017).U16(0x0018);
        }
        b.U16(0x000B).U16(2).U8(1).U8(0);
        if (browser)
        {
            b.U16(0x0023).U16(0);
            b.U16(0x0010).U16(14).U16(12).U8(2).Ascii("h2").U8(8).Ascii("http/1.1");
            b.U16(0x0005).U16(5).U8(1).U16(0).U16(0);
        }
        b.U16(0x000D);
        if (browser)
        {
            b.U16(18).U16(16).U16(0x0403).U16(0x0804).U16(0x0401).U16(0x0503).U16(0x0805).U16(0x0501).U16(0x0806).U16(0x0601);
            b.U16(0x0033).U16(38).U16(36).U16(0x001D).U16(32).Random(random, 32);
            b.U16(0x002D).U16(2).U8(1).U8(1);
            b.U16(0x002B).U16(5).U8(4).U16(0x0304).U16(0x0303);
        }
        else
        {
            b.U16(10).U16(8).U16(0x0401).U16(0x0501).U16(0x0201).U16(0x0403);
        }
        b.PatchLength16(extensions);
        b.PatchLength24(handshake);
        b.PatchLength16(record);
        return b.ToArray();
    }

    /// <summary>ServerHello, ChangeCipherSpec and the encrypted rest of the server's first flight.</summary>
    public static byte[] ServerFlight(Random random, bool tls13, int encryptedBytes)
    {
        var b = new PayloadBuilder();
        b.U8(0x16).U16(0x0303);
        var record = b.Mark16();
        b.U8(2);
        var handshake = b.Mark24();
        b.U16(0x0303).Random(random, 32);
        if (tls13)
        {
            b.U8(32).Random(random, 32).U16(0x1301).U8(0);
            b.U16(46).U16(0x002B).U16(2).U16(0x0304).U16(0x0033).U16(36).U16(0x001D).U16(32).Random(random, 32);
        }
        else
        {
            b.U8(32).Random(random, 32).U16(0xC02F).U8(0);
            b.U16(5).U16(0xFF01).U16(1).U8(0);
        }
        b.PatchLength24(handshake);
        b.PatchLength16(record);
        b.U8(0x14).U16(0x0303).U16(1).U8(1);
        ApplicationData(b, random, encryptedBytes);
        return b.ToArray();
    }

    /// <summary>The client's ChangeCipherSpec and encrypted Finished.</summary>
    public static byte[] ClientFinished(Random random)
    {
        var b = new PayloadBuilder();
        b.U8(0x14).U16(0x0303).U16(1).U8(1);
        ApplicationData(b, random, 53);
        return b.ToArray();
    }

    /// <summary>Opaque application data split into records of at most 16 KiB of ciphertext.</summary>
    public static byte[] ApplicationData(Random random, int bytes)
    {
        var b = new PayloadBuilder(bytes + (bytes / 16_401 + 1) * 5);
        ApplicationData(b, random, bytes);
        return b.ToArray();
    }

    private static void ApplicationData(PayloadBuilder b, Random random, int bytes)
    {
        while (bytes > 0)
        {
            var chunk = Math.Min(bytes, 16_401);
            b.U8(0x17).U16(0x0303).U16(chunk).Random(random, chunk);
            bytes -= chunk;
        }
    }
}
