using System.Buffers.Binary;
using System.Text;

namespace TrafficWatch.Decode.App.Tls;

/// <summary>
/// Parses a TLS ClientHello from the start of the client's first TCP payload (record type 22, handshake type 1),
/// including a ClientHello fragmented over several TLS records. Slow path: it allocates for the result only.
/// Every length is checked against the data and against fixed bounds; it never throws on input.
/// QUIC Initial packets (ClientHello inside encrypted CRYPTO frames) are out of scope.
/// </summary>
public static class TlsClientHelloParser
{
    /// <summary>Largest ClientHello handshake message accepted (header + body).</summary>
    public const int MaxHandshakeLength = 16 * 1024;

    /// <summary>Largest TLS record accepted (2^14 plaintext plus the 2048 bytes RFC 8446 allows for expansion).</summary>
    public const int MaxRecordLength = (16 * 1024) + 2048;

    /// <summary>At most this many TLS records are walked to gather one fragmented ClientHello.</summary>
    public const int MaxRecords = 16;

    /// <summary>Longest host name kept from SNI (a DNS name is at most 253 characters).</summary>
    public const int MaxServerNameLength = 255;

    /// <summary>At most this many ALPN names are kept.</summary>
    public const int MaxAlpnNames = 16;

    private const byte ContentTypeHandshake = 22;
    private const byte HandshakeClientHello = 1;
    private const int RecordHeaderLength = 5;
    private const int HandshakeHeaderLength = 4;

    /// <summary>
    /// Parses <paramref name="payload"/> (client-to-server TCP bytes from the start of the stream).
    /// Returns <see cref="TlsParseStatus.Complete"/> with <paramref name="result"/> set, or why not.
    /// </summary>
    public static TlsParseStatus Parse(ReadOnlySpan<byte> payload, out TlsClientHello? result)
    {
        result = null;
        var status = CheckRecordHeader(payload, first: true, out var recordLength);
        if (status != TlsParseStatus.Complete)
        {
            return status;
        }
        if (payload.Length < RecordHeaderLength + 1)
        {
            return TlsParseStatus.NeedMore;
        }
        if (payload[RecordHeaderLength] != HandshakeClientHello)
        {
            return TlsParseStatus.NotTls;
        }
        if (recordLength < HandshakeHeaderLength)
        {
            return TlsParseStatus.Malformed;                          // handshake header split over records: not seen in practice
        }
        if (payload.Length < RecordHeaderLength + HandshakeHeaderLength)
        {
            return TlsParseStatus.NeedMore;
        }
        var handshakeLength = (payload[6] << 16) | (payload[7] << 8) | payload[8];
        if (handshakeLength + HandshakeHeaderLength > MaxHandshakeLength)
        {
            return TlsParseStatus.Malformed;
        }
        var total = HandshakeHeaderLength + handshakeLength;
        if (recordLength >= total)
        {
            // The common case: the whole ClientHello in one record.
            if (payload.Length < RecordHeaderLength + total)
            {
                return TlsParseStatus.NeedMore;
            }
            return ParseBody(payload[..RecordHeaderLength], payload.Slice(RecordHeaderLength + HandshakeHeaderLength, handshakeLength), out result);
        }
        return GatherFragments(payload, total, out result);
    }

    /// <summary>Fuzz target (Garnet style): must never throw, whatever the input.</summary>
    public static void Fuzz(ReadOnlySpan<byte> input)
    {
        _ = Parse(input, out _);
        var accumulator = new TlsClientHelloAccumulator();
        var half = input.Length / 2;
        _ = accumulator.Append(input[..half]);
        _ = accumulator.Append(input[half..]);
    }

    private static TlsParseStatus CheckRecordHeader(ReadOnlySpan<byte> data, bool first, out int recordLength)
    {
        recordLength = 0;
        if (data.IsEmpty)
        {
            return TlsParseStatus.NeedMore;
        }
        var notTls = first ? TlsParseStatus.NotTls : TlsParseStatus.Malformed;
        if (data[0] != ContentTypeHandshake)
        {
            return notTls;
        }
        if (data.Length >= 2 && data[1] != 3)
        {
            return notTls;
        }
        if (data.Length >= 3 && data[2] > 4)
        {
            return notTls;
        }
        if (data.Length < RecordHeaderLength)
        {
            return TlsParseStatus.NeedMore;
        }
        recordLength = BinaryPrimitives.ReadUInt16BigEndian(data[3..]);
        if (recordLength == 0 || recordLength > MaxRecordLength)
        {
            return first ? TlsParseStatus.NotTls : TlsParseStatus.Malformed;
        }
        return TlsParseStatus.Complete;
    }

    /// <summary>Copies the handshake bytes out of consecutive handshake records (bounded), then parses them.</summary>
    private static TlsParseStatus GatherFragments(ReadOnlySpan<byte> payload, int total, out TlsClientHello? result)
    {
        result = null;
        var message = new byte[total];
        var have = 0;
        var offset = 0;
        for (var record = 0; record < MaxRecords && have < total; record++)
        {
            var status = CheckRecordHeader(payload[offset..], first: record == 0, out var recordLength);
            if (status != TlsParseStatus.Complete)
            {
                return status;
            }
            var available = Math.Min(recordLength, payload.Length - offset - RecordHeaderLength);
            var take = Math.Min(available, total - have);
            payload.Slice(offset + RecordHeaderLength, take).CopyTo(message.AsSpan(have));
            have += take;
            if (have < total && available < recordLength)
            {
                return TlsParseStatus.NeedMore;                       // this record continues in the next segment
            }
            offset += RecordHeaderLength + recordLength;
        }
        if (have < total)
        {
            return TlsParseStatus.Malformed;                          // more records than the bound allows
        }
        return ParseBody(payload[..RecordHeaderLength], message.AsSpan(HandshakeHeaderLength), out result);
    }

    private static TlsParseStatus ParseBody(ReadOnlySpan<byte> recordHeader, ReadOnlySpan<byte> body, out TlsClientHello? result)
    {
        result = null;
        var reader = new SpanReader(body);
        if (!reader.TryReadUInt16(out var legacyVersion)
            || !reader.TrySkip(32)
            || !reader.TryReadUInt8(out var sessionIdLength) || sessionIdLength > 32 || !reader.TrySkip(sessionIdLength)
            || !reader.TryReadUInt16(out var cipherBytes) || (cipherBytes & 1) != 0 || !reader.TryReadSlice(cipherBytes, out var cipherData)
            || !reader.TryReadUInt8(out var compressionLength) || !reader.TrySkip(compressionLength))
        {
            return TlsParseStatus.Malformed;
        }

        var ciphers = ReadUInt16Values(cipherData);
        var extensions = new List<ushort>();
        string? serverName = null;
        var alpn = new List<string>();
        ReadOnlySpan<byte> firstAlpn = default;
        var groups = new List<ushort>();
        var pointFormats = new List<byte>();
        var supportedVersions = new List<ushort>();
        var signatureAlgorithms = new List<ushort>();

        if (reader.Remaining > 0)
        {
            if (!reader.TryReadUInt16(out var extensionBytes) || !reader.TryReadSlice(extensionBytes, out var extensionData))
            {
                return TlsParseStatus.Malformed;
            }
            var ext = new SpanReader(extensionData);
            var seenKnown = 0;
            // Each extension takes at least 4 bytes, so this loop runs at most MaxHandshakeLength / 4 times.
            while (ext.Remaining > 0)
            {
                if (!ext.TryReadUInt16(out var type) || !ext.TryReadUInt16(out var length) || !ext.TryReadSlice(length, out var data))
                {
                    return TlsParseStatus.Malformed;
                }
                extensions.Add(type);
                var bit = KnownExtensionBit(type);
                if (bit == 0 || (seenKnown & bit) != 0)
                {
                    continue;                                         // not read, or a repeat: the first one counts
                }
                seenKnown |= bit;
                switch (type)
                {
                    case TlsExtensionType.ServerName:
                        serverName = ReadServerName(data);
                        break;
                    case TlsExtensionType.Alpn:
                        firstAlpn = ReadAlpn(data, alpn);
                        break;
                    case TlsExtensionType.SupportedGroups:
                        groups = ReadUInt16Values(PrefixedList(data, 2));
                        break;
                    case TlsExtensionType.EcPointFormats:
                        pointFormats = [.. PrefixedList(data, 1)];
                        break;
                    case TlsExtensionType.SupportedVersions:
                        supportedVersions = ReadUInt16Values(PrefixedList(data, 1));
                        break;
                    case TlsExtensionType.SignatureAlgorithms:
                        signatureAlgorithms = ReadUInt16Values(PrefixedList(data, 2));
                        break;
                }
            }
        }

        var ja3 = Ja3Fingerprint.Build(legacyVersion, ciphers, extensions, groups, pointFormats);
        var (ja4, ja4Raw) = Ja4Fingerprint.Build('t', legacyVersion, supportedVersions, ciphers, extensions, firstAlpn, signatureAlgorithms);
        result = new TlsClientHello
        {
            RecordVersion = BinaryPrimitives.ReadUInt16BigEndian(recordHeader[1..]),
            LegacyVersion = legacyVersion,
            CipherSuites = ciphers,
            Extensions = extensions,
            ServerName = serverName,
            Alpn = alpn,
            SupportedGroups = groups,
            EcPointFormats = pointFormats,
            SupportedVersions = supportedVersions,
            SignatureAlgorithms = signatureAlgorithms,
            Ja3 = ja3,
            Ja3Hash = Ja3Fingerprint.Hash(ja3),
            Ja4 = ja4,
            Ja4Raw = ja4Raw,
        };
        return TlsParseStatus.Complete;
    }

    private static int KnownExtensionBit(ushort type) => type switch
    {
        TlsExtensionType.ServerName => 1,
        TlsExtensionType.Alpn => 2,
        TlsExtensionType.SupportedGroups => 4,
        TlsExtensionType.EcPointFormats => 8,
        TlsExtensionType.SupportedVersions => 16,
        TlsExtensionType.SignatureAlgorithms => 32,
        _ => 0,
    };

    /// <summary>The list after a 1- or 2-byte length prefix, clamped to the extension data (lenient, like tshark's JA3).</summary>
    private static ReadOnlySpan<byte> PrefixedList(ReadOnlySpan<byte> data, int prefixBytes)
    {
        if (data.Length < prefixBytes)
        {
            return default;
        }
        var length = prefixBytes == 1 ? data[0] : BinaryPrimitives.ReadUInt16BigEndian(data);
        return data.Slice(prefixBytes, Math.Min(length, data.Length - prefixBytes));
    }

    private static List<ushort> ReadUInt16Values(ReadOnlySpan<byte> data)
    {
        var values = new List<ushort>(data.Length / 2);
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            values.Add(BinaryPrimitives.ReadUInt16BigEndian(data[i..]));
        }
        return values;
    }

    /// <summary>First host_name (type 0) of a server_name list, or null.</summary>
    private static string? ReadServerName(ReadOnlySpan<byte> data)
    {
        var list = new SpanReader(PrefixedList(data, 2));
        while (list.Remaining > 0)
        {
            if (!list.TryReadUInt8(out var nameType) || !list.TryReadUInt16(out var length) || !list.TryReadSlice(length, out var name))
            {
                return null;
            }
            if (nameType == 0)
            {
                return name.IsEmpty || name.Length > MaxServerNameLength ? null : Encoding.UTF8.GetString(name);
            }
        }
        return null;
    }

    /// <summary>Fills <paramref name="names"/> (bounded) and returns the raw first protocol name for JA4.</summary>
    private static ReadOnlySpan<byte> ReadAlpn(ReadOnlySpan<byte> data, List<string> names)
    {
        var list = new SpanReader(PrefixedList(data, 2));
        ReadOnlySpan<byte> first = default;
        var index = 0;
        while (list.Remaining > 0)
        {
            if (!list.TryReadUInt8(out var length) || !list.TryReadSlice(length, out var name))
            {
                break;
            }
            if (index == 0)
            {
                first = name;
            }
            if (names.Count < MaxAlpnNames)
            {
                names.Add(Encoding.UTF8.GetString(name));
            }
            index++;
        }
        return first;
    }
}
