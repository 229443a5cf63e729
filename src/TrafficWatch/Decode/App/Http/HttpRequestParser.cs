using System.Text;

namespace TrafficWatch.Decode.App.Http;

/// <summary>
/// Parses the request line and headers of a cleartext HTTP/1.x request from the start of a client payload
/// (slow path: first payloads of a flow). Bounded: request line and header lines of at most
/// <see cref="MaxLineLength"/> bytes, at most <see cref="MaxHeaderCount"/> headers, at most
/// <see cref="MaxHeadLength"/> bytes of head. Never throws on input.
/// </summary>
public static class HttpRequestParser
{
    public const int MaxMethodLength = 20;
    public const int MaxLineLength = 8 * 1024;
    public const int MaxHeaderCount = 100;
    public const int MaxHeadLength = 32 * 1024;

    /// <summary>
    /// Parses <paramref name="payload"/>. <paramref name="result"/> is set whenever the request line was parsed,
    /// even if the headers then stop early (see <see cref="HttpRequest.HeadersComplete"/>).
    /// </summary>
    public static HttpParseStatus Parse(ReadOnlySpan<byte> payload, out HttpRequest? result)
    {
        result = null;
        var status = ParseRequestLine(payload, out var offset, out result);
        if (status != HttpParseStatus.Complete || result is null)
        {
            return status;
        }
        var head = payload[..Math.Min(payload.Length, MaxHeadLength)];
        for (var i = 0; i <= MaxHeaderCount; i++)
        {
            var read = HttpHeadReader.ReadLine(head, ref offset, MaxLineLength, endOfDataEndsLine: false, out var line);
            switch (read)
            {
                case HeadLine.NeedMore:
                    return head.Length < payload.Length ? HttpParseStatus.TooLarge : HttpParseStatus.NeedMore;
                case HeadLine.TooLong:
                    return HttpParseStatus.TooLarge;
                case HeadLine.BareCarriageReturn:
                    return HttpParseStatus.Malformed;
            }
            if (line.IsEmpty)
            {
                result.HeadersComplete = true;
                return HttpParseStatus.Complete;
            }
            if (i == MaxHeaderCount)
            {
                return HttpParseStatus.TooLarge;
            }
            var split = HttpHeadReader.SplitHeader(line, out var name, out var value);
            if (split == HeaderSplit.Invalid)
            {
                return HttpParseStatus.Malformed;
            }
            result.HeaderCount++;
            if (split == HeaderSplit.Ok)
            {
                Apply(result, name, value);
            }
        }
        return HttpParseStatus.TooLarge;
    }

    /// <summary>Fuzz target (Garnet style): must never throw, whatever the input.</summary>
    public static void Fuzz(ReadOnlySpan<byte> input) => _ = Parse(input, out _);

    private static void Apply(HttpRequest request, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (Ascii.EqualsIgnoreCase(name, "Host"u8))
        {
            request.Host ??= HttpHeadReader.Text(value);
        }
        else if (Ascii.EqualsIgnoreCase(name, "User-Agent"u8))
        {
            request.UserAgent ??= HttpHeadReader.Text(value);
        }
        else if (Ascii.EqualsIgnoreCase(name, "Authorization"u8))
        {
            request.AuthorizationScheme ??= HttpHeadReader.Scheme(value);
        }
        else if (Ascii.EqualsIgnoreCase(name, "Proxy-Authorization"u8))
        {
            request.ProxyAuthorizationScheme ??= HttpHeadReader.Scheme(value);
        }
    }

    private static HttpParseStatus ParseRequestLine(ReadOnlySpan<byte> payload, out int offset, out HttpRequest? result)
    {
        offset = 0;
        result = null;
        if (payload.IsEmpty)
        {
            return HttpParseStatus.NeedMore;
        }
        // Method: upper-case token characters, then one space.
        var methodLength = 0;
        while (methodLength < payload.Length && methodLength <= MaxMethodLength && payload[methodLength] != (byte)' ')
        {
            var b = payload[methodLength];
            if (!(b is (>= (byte)'A' and <= (byte)'Z') or (byte)'-' or (byte)'_'))
            {
                return HttpParseStatus.NotHttp;
            }
            methodLength++;
        }
        if (methodLength > MaxMethodLength || (methodLength < payload.Length && methodLength == 0))
        {
            return HttpParseStatus.NotHttp;
        }
        if (methodLength == payload.Length)
        {
            return HttpParseStatus.NeedMore;
        }
        var read = HttpHeadReader.ReadLine(payload, ref offset, MaxLineLength, endOfDataEndsLine: false, out var line);
        switch (read)
        {
            case HeadLine.NeedMore:
                if (!LooksLikeRequestLinePrefix(payload[(methodLength + 1)..]))
                {
                    return HttpParseStatus.NotHttp;
                }
                result = PartialRequestLine(payload[..methodLength], payload[(methodLength + 1)..]);
                return HttpParseStatus.NeedMore;
            case HeadLine.TooLong:
                return HttpParseStatus.TooLarge;
            case HeadLine.BareCarriageReturn:
                return HttpParseStatus.Malformed;
        }
        var rest = line[(methodLength + 1)..];
        var space = rest.IndexOf((byte)' ');
        if (space <= 0)
        {
            return HttpParseStatus.NotHttp;
        }
        var uri = rest[..space];
        var version = rest[(space + 1)..];
        if (!HttpHeadReader.IsHttpVersion(version) || version[5] != (byte)'1')
        {
            return HttpParseStatus.NotHttp;
        }
        foreach (var b in uri)
        {
            if (b <= 0x20 || b == 0x7F)
            {
                return HttpParseStatus.Malformed;
            }
        }
        result = new HttpRequest
        {
            Method = HttpHeadReader.Text(line[..methodLength]),
            Uri = HttpHeadReader.Text(uri, MaxLineLength),
            Version = HttpHeadReader.Text(version),
        };
        return HttpParseStatus.Complete;
    }

    /// <summary>
    /// A request line cut inside its version (a snapped capture, or a segment boundary): method and URI are known,
    /// <see cref="HttpRequest.Version"/> holds the part of the version seen so far. Null while the URI is unfinished.
    /// </summary>
    private static HttpRequest? PartialRequestLine(ReadOnlySpan<byte> method, ReadOnlySpan<byte> afterMethod)
    {
        if (!afterMethod.IsEmpty && afterMethod[^1] == (byte)'\r')
        {
            afterMethod = afterMethod[..^1];
        }
        var space = afterMethod.IndexOf((byte)' ');
        if (space <= 0)
        {
            return null;
        }
        var uri = afterMethod[..space];
        var version = afterMethod[(space + 1)..];
        ReadOnlySpan<byte> expected = "HTTP/1."u8;
        if (version.Length > 8 || !expected[..Math.Min(7, version.Length)].SequenceEqual(version[..Math.Min(7, version.Length)])
            || (version.Length == 8 && !char.IsAsciiDigit((char)version[7])))
        {
            return null;
        }
        foreach (var b in uri)
        {
            if (b <= 0x20 || b == 0x7F)
            {
                return null;
            }
        }
        return new HttpRequest
        {
            Method = HttpHeadReader.Text(method),
            Uri = HttpHeadReader.Text(uri, MaxLineLength),
            Version = HttpHeadReader.Text(version),
        };
    }

    /// <summary>An unfinished request line is plausible while the URI has no control bytes and no more than one space.</summary>
    private static bool LooksLikeRequestLinePrefix(ReadOnlySpan<byte> afterMethod)
    {
        var spaces = 0;
        foreach (var b in afterMethod)
        {
            if (b == (byte)' ')
            {
                spaces++;
            }
            else if ((b < 0x20 && b != (byte)'\r') || b == 0x7F)
            {
                return false;
            }
        }
        return spaces <= 1;
    }
}
