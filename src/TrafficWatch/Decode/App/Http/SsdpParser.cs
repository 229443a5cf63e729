using System.Buffers.Text;

namespace TrafficWatch.Decode.App.Http;

/// <summary>
/// Parses one SSDP datagram (HTTP over UDP, port 1900): M-SEARCH and NOTIFY requests and HTTP/1.x responses,
/// keeping NT, NTS, ST, USN, SERVER, LOCATION, USER-AGENT and MAN. A datagram is the whole message, so the end of
/// the data ends the headers. Bounded like <see cref="HttpRequestParser"/>; never throws on input.
/// </summary>
public static class SsdpParser
{
    public const int MaxLineLength = 2 * 1024;
    public const int MaxHeaderCount = 64;

    /// <summary>Parses <paramref name="datagram"/>; <paramref name="result"/> is set whenever the start line was valid.</summary>
    public static SsdpParseStatus Parse(ReadOnlySpan<byte> datagram, out SsdpMessage? result)
    {
        result = null;
        var offset = 0;
        if (HttpHeadReader.ReadLine(datagram, ref offset, MaxLineLength, endOfDataEndsLine: true, out var startLine) != HeadLine.Ok)
        {
            return SsdpParseStatus.NotSsdp;
        }
        result = ParseStartLine(startLine);
        if (result is null)
        {
            return SsdpParseStatus.NotSsdp;
        }
        for (var i = 0; i <= MaxHeaderCount && offset < datagram.Length; i++)
        {
            switch (HttpHeadReader.ReadLine(datagram, ref offset, MaxLineLength, endOfDataEndsLine: true, out var line))
            {
                case HeadLine.TooLong:
                    return SsdpParseStatus.TooLarge;
                case HeadLine.BareCarriageReturn or HeadLine.NeedMore:
                    return SsdpParseStatus.Malformed;
            }
            if (line.IsEmpty)
            {
                return SsdpParseStatus.Complete;
            }
            if (i == MaxHeaderCount)
            {
                return SsdpParseStatus.TooLarge;
            }
            var split = HttpHeadReader.SplitHeader(line, out var name, out var value);
            if (split == HeaderSplit.Invalid)
            {
                return SsdpParseStatus.Malformed;
            }
            result.HeaderCount++;
            if (split == HeaderSplit.Ok)
            {
                Apply(result, name, value);
            }
        }
        return SsdpParseStatus.Complete;
    }

    /// <summary>Fuzz target (Garnet style): must never throw, whatever the input.</summary>
    public static void Fuzz(ReadOnlySpan<byte> input) => _ = Parse(input, out _);

    private static SsdpMessage? ParseStartLine(ReadOnlySpan<byte> line)
    {
        var first = line.IndexOf((byte)' ');
        if (first <= 0)
        {
            return null;
        }
        var head = line[..first];
        var rest = line[(first + 1)..];
        if (HttpHeadReader.IsHttpVersion(head))
        {
            // HTTP/1.1 200 OK
            if (rest.Length < 3 || !Utf8Parser.TryParse(rest[..3], out int code, out var used) || used != 3
                || code is < 100 or > 999 || (rest.Length > 3 && rest[3] != (byte)' '))
            {
                return null;
            }
            return new SsdpMessage { Kind = SsdpMessageKind.Response, StatusCode = code };
        }
        if (head.Length > HttpRequestParser.MaxMethodLength)
        {
            return null;
        }
        foreach (var b in head)
        {
            if (!(b is (>= (byte)'A' and <= (byte)'Z') or (byte)'-' or (byte)'_'))
            {
                return null;
            }
        }
        var space = rest.IndexOf((byte)' ');
        if (space <= 0 || !HttpHeadReader.IsHttpVersion(rest[(space + 1)..]))
        {
            return null;
        }
        var kind = head.SequenceEqual("M-SEARCH"u8) ? SsdpMessageKind.MSearch
            : head.SequenceEqual("NOTIFY"u8) ? SsdpMessageKind.Notify
            : SsdpMessageKind.OtherRequest;
        return new SsdpMessage { Kind = kind, Method = HttpHeadReader.Text(head) };
    }

    private static void Apply(SsdpMessage message, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (Is(name, "NT"u8))
        {
            message.Nt ??= HttpHeadReader.Text(value);
        }
        else if (Is(name, "NTS"u8))
        {
            message.Nts ??= HttpHeadReader.Text(value);
        }
        else if (Is(name, "ST"u8))
        {
            message.St ??= HttpHeadReader.Text(value);
        }
        else if (Is(name, "USN"u8))
        {
            message.Usn ??= HttpHeadReader.Text(value);
        }
        else if (Is(name, "SERVER"u8))
        {
            message.Server ??= HttpHeadReader.Text(value);
        }
        else if (Is(name, "LOCATION"u8))
        {
            message.Location ??= HttpHeadReader.Text(value);
        }
        else if (Is(name, "USER-AGENT"u8))
        {
            message.UserAgent ??= HttpHeadReader.Text(value);
        }
        else if (Is(name, "MAN"u8))
        {
            message.Man ??= HttpHeadReader.Text(value);
        }
    }

    private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> expected) => System.Text.Ascii.EqualsIgnoreCase(name, expected);
}
