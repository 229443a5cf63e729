using System.Buffers.Binary;
using System.Text;

namespace TrafficWatch.Tests.Decode.AppTls;

/// <summary>Builds ClientHello bytes by hand (record + handshake), with extensions in the order given.</summary>
internal sealed class TlsHelloBuilder
{
    private readonly List<(ushort Type, byte[] Data)> _extensions = [];

    public ushort RecordVersion { get; set; } = 0x0301;
    public ushort LegacyVersion { get; set; } = 0x0303;
    public List<ushort> Ciphers { get; } = [];
    public byte[] SessionId { get; set; } = new byte[32];

    public TlsHelloBuilder Extension(ushort type, params byte[] data)
    {
        _extensions.Add((type, data));
        return this;
    }

    public TlsHelloBuilder Sni(string host)
    {
        var name = Encoding.ASCII.GetBytes(host);
        return Extension(0x0000, Concat(U16(name.Length + 3), [0], U16(name.Length), name));
    }

    public TlsHelloBuilder Alpn(params string[] protocols)
    {
        var list = protocols.SelectMany(p => new[] { (byte)p.Length }.Concat(Encoding.ASCII.GetBytes(p))).ToArray();
        return Extension(0x0010, Concat(U16(list.Length), list));
    }

    public TlsHelloBuilder AlpnRaw(params byte[][] protocols)
    {
        var list = protocols.SelectMany(p => new[] { (byte)p.Length }.Concat(p)).ToArray();
        return Extension(0x0010, Concat(U16(list.Length), list));
    }

    public TlsHelloBuilder U16List(ushort type, params ushort[] values)
        => Extension(type, Concat(U16(values.Length * 2), values.SelectMany(v => U16(v)).ToArray()));

    public TlsHelloBuilder SupportedVersions(params ushort[] versions)
        => Extension(0x002B, Concat([(byte)(versions.Length * 2)], versions.SelectMany(v => U16(v)).ToArray()));

    public TlsHelloBuilder PointFormats(params byte[] formats) => Extension(0x000B, Concat([(byte)formats.Length], formats));

    /// <summary>The handshake message (type 1, 24-bit length, body).</summary>
    public byte[] Handshake()
    {
        var extensions = _extensions.SelectMany(e => Concat(U16(e.Type), U16(e.Data.Length), e.Data)).ToArray();
        var body = Concat(
            U16(LegacyVersion),
            Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
            [(byte)SessionId.Length], SessionId,
            U16(Ciphers.Count * 2), Ciphers.SelectMany(c => U16(c)).ToArray(),
            [1, 0],
            U16(extensions.Length), extensions);
        return Concat([1, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length], body);
    }

    /// <summary>One TLS record holding the whole handshake.</summary>
    public byte[] Build() => Record(Handshake());

    /// <summary>The handshake fragmented over records of at most <paramref name="fragment"/> bytes.</summary>
    public byte[] BuildFragmented(int fragment)
    {
        var handshake = Handshake();
        var records = new List<byte>();
        for (var i = 0; i < handshake.Length; i += fragment)
        {
            records.AddRange(Record(handshake.AsSpan(i, Math.Min(fragment, handshake.Length - i)).ToArray()));
        }
        return [.. records];
    }

    public byte[] Record(byte[] content) => Concat([22], U16(RecordVersion), U16(content.Length), content);

    public static byte[] U16(int value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value);
        return b;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static ushort[] Hex(string commaList) => commaList.Split(',').Select(h => Convert.ToUInt16(h, 16)).ToArray();
}
