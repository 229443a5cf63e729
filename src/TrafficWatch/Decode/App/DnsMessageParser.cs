using System.Buffers.Binary;

namespace TrafficWatch.Decode.App;

/// <summary>
/// Bounded parser for DNS (RFC 1035) and mDNS (RFC 6762) messages carried in one UDP datagram. Slow path: it
/// allocates for its results (names, lists), never throws, and stops at the first malformation, keeping what it
/// read. Names are escaped as described on <see cref="DnsNameReader"/>.
/// </summary>
public sealed class DnsMessageParser : IAppFuzzTarget
{
    public const int HeaderLength = 12;

    /// <summary>Questions plus records kept from one message; more gives <see cref="DnsParseError.TooManyRecords"/>.</summary>
    public const int MaxRecords = 1024;

    private DnsMessageParser()
    {
    }

    /// <summary>
    /// Parses <paramref name="payload"/> (the UDP payload). Returns <see cref="DnsParseError.None"/> when the whole
    /// message was read; otherwise <paramref name="message"/> holds what came before the problem.
    /// </summary>
    public static DnsParseError Parse(ReadOnlySpan<byte> payload, out DnsMessage message)
    {
        if (payload.Length < HeaderLength)
        {
            message = new DnsMessage { Error = DnsParseError.TruncatedHeader };
            return DnsParseError.TruncatedHeader;
        }
        var flags = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
        var qd = BinaryPrimitives.ReadUInt16BigEndian(payload[4..]);
        var an = BinaryPrimitives.ReadUInt16BigEndian(payload[6..]);
        var ns = BinaryPrimitives.ReadUInt16BigEndian(payload[8..]);
        var ar = BinaryPrimitives.ReadUInt16BigEndian(payload[10..]);
        var questions = new List<DnsQuestion>(Math.Min((int)qd, 16));
        var records = new List<DnsRecord>(Math.Min(an + ns + ar, 32));
        var error = ReadBody(payload, qd, an, ns, ar, questions, records);
        message = new DnsMessage
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(payload),
            IsResponse = (flags & 0x8000) != 0,
            Opcode = (byte)((flags >> 11) & 0x0F),
            IsAuthoritative = (flags & 0x0400) != 0,
            IsTruncated = (flags & 0x0200) != 0,
            RecursionDesired = (flags & 0x0100) != 0,
            RecursionAvailable = (flags & 0x0080) != 0,
            Rcode = (byte)(flags & 0x0F),
            QuestionCount = qd,
            AnswerCount = an,
            AuthorityCount = ns,
            AdditionalCount = ar,
            Questions = questions,
            Records = records,
            Error = error,
        };
        return error;
    }

    /// <inheritdoc/>
    public static void Fuzz(ReadOnlySpan<byte> input) => _ = Parse(input, out _);

    private static DnsParseError ReadBody(ReadOnlySpan<byte> payload, int qd, int an, int ns, int ar,
        List<DnsQuestion> questions, List<DnsRecord> records)
    {
        var pos = HeaderLength;
        for (var i = 0; i < qd; i++)                    // bounded by the 16-bit count and by MaxRecords
        {
            if (questions.Count >= MaxRecords)
            {
                return DnsParseError.TooManyRecords;
            }
            var nameError = DnsNameReader.Read(payload, pos, allowPointers: true, out var name, out pos);
            if (nameError != DnsParseError.None)
            {
                return nameError == DnsParseError.TruncatedName ? DnsParseError.TruncatedQuestion : nameError;
            }
            if (pos + 4 > payload.Length)
            {
                return DnsParseError.TruncatedQuestion;
            }
            var qclass = BinaryPrimitives.ReadUInt16BigEndian(payload[(pos + 2)..]);
            questions.Add(new DnsQuestion(name, BinaryPrimitives.ReadUInt16BigEndian(payload[pos..]),
                (ushort)(qclass & 0x7FFF), (qclass & 0x8000) != 0));
            pos += 4;
        }
        ReadOnlySpan<(int Count, DnsSection Section)> sections = [(an, DnsSection.Answer), (ns, DnsSection.Authority), (ar, DnsSection.Additional)];
        foreach (var (count, section) in sections)
        {
            for (var i = 0; i < count; i++)
            {
                if (questions.Count + records.Count >= MaxRecords)
                {
                    return DnsParseError.TooManyRecords;
                }
                var record = ReadRecord(payload, ref pos, section, out var recordError);
                if (record is null)
                {
                    return recordError;
                }
                records.Add(record);
            }
        }
        return DnsParseError.None;
    }

    /// <summary>Reads one record at <paramref name="pos"/>; null with <paramref name="error"/> set when it cannot.</summary>
    private static DnsRecord? ReadRecord(ReadOnlySpan<byte> payload, ref int pos, DnsSection section, out DnsParseError error)
    {
        error = DnsNameReader.Read(payload, pos, allowPointers: true, out var name, out pos);
        if (error != DnsParseError.None)
        {
            error = error == DnsParseError.TruncatedName ? DnsParseError.TruncatedRecord : error;
            return null;
        }
        if (pos + 10 > payload.Length)
        {
            error = DnsParseError.TruncatedRecord;
            return null;
        }
        var type = BinaryPrimitives.ReadUInt16BigEndian(payload[pos..]);
        var rclass = BinaryPrimitives.ReadUInt16BigEndian(payload[(pos + 2)..]);
        var ttl = BinaryPrimitives.ReadUInt32BigEndian(payload[(pos + 4)..]);
        var rdLength = BinaryPrimitives.ReadUInt16BigEndian(payload[(pos + 8)..]);
        var rdStart = pos + 10;
        if (rdStart + rdLength > payload.Length)
        {
            error = DnsParseError.TruncatedRecord;
            return null;
        }
        pos = rdStart + rdLength;
        var rdata = payload.Slice(rdStart, rdLength);
        UInt128 address = 0;
        string? target = null;
        ushort port = 0;
        switch (type)
        {
            case DnsRecordType.A:
                if (rdLength != 4)
                {
                    error = DnsParseError.BadRdata;
                    return null;
                }
                address = IpAddr.FromIPv4(rdata);
                break;
            case DnsRecordType.Aaaa:
                if (rdLength != 16)
                {
                    error = DnsParseError.BadRdata;
                    return null;
                }
                address = IpAddr.FromIPv6(rdata);
                break;
            case DnsRecordType.Cname or DnsRecordType.Ptr or DnsRecordType.Ns:
                error = ReadRdataName(payload, rdStart, rdStart + rdLength, out target);
                if (error != DnsParseError.None)
                {
                    return null;
                }
                break;
            case DnsRecordType.Mx:
                if (rdLength < 3)
                {
                    error = DnsParseError.BadRdata;
                    return null;
                }
                error = ReadRdataName(payload, rdStart + 2, rdStart + rdLength, out target);
                if (error != DnsParseError.None)
                {
                    return null;
                }
                break;
            case DnsRecordType.Srv:
                if (rdLength < 7)
                {
                    error = DnsParseError.BadRdata;
                    return null;
                }
                port = BinaryPrimitives.ReadUInt16BigEndian(rdata[4..]);
                error = ReadRdataName(payload, rdStart + 6, rdStart + rdLength, out target);
                if (error != DnsParseError.None)
                {
                    return null;
                }
                break;
        }
        return new DnsRecord
        {
            Name = name,
            Type = type,
            Class = (ushort)(rclass & 0x7FFF),
            CacheFlush = (rclass & 0x8000) != 0,
            Ttl = ttl,
            Section = section,
            DataLength = rdLength,
            Address = address,
            Target = target,
            Port = port,
        };
    }

    /// <summary>A name inside RDATA: pointers may leave RDATA, but the in-line part must end within it.</summary>
    private static DnsParseError ReadRdataName(ReadOnlySpan<byte> payload, int start, int rdEnd, out string? name)
    {
        var error = DnsNameReader.Read(payload, start, allowPointers: true, out var text, out var next);
        name = null;
        if (error == DnsParseError.TruncatedName)
        {
            return DnsParseError.BadRdata;
        }
        if (error != DnsParseError.None)
        {
            return error;
        }
        if (next > rdEnd)
        {
            return DnsParseError.BadRdata;
        }
        name = text;
        return DnsParseError.None;
    }
}
