namespace TrafficWatch.Decode.App.Http;

/// <summary>Outcome of parsing the head (request line + headers) of a cleartext HTTP/1.x request.</summary>
public enum HttpParseStatus
{
    /// <summary>Request line and all headers up to the empty line were parsed.</summary>
    Complete,
    /// <summary>A valid prefix: the head continues in the next segment. The result holds what was parsed so far, if any.</summary>
    NeedMore,
    /// <summary>Does not start like an HTTP/1.x request.</summary>
    NotHttp,
    /// <summary>Starts like HTTP but breaks the grammar (bare CR, obs-fold, header without colon, control bytes).</summary>
    Malformed,
    /// <summary>A line, the header count or the whole head exceeds the parser's bounds; parsing stopped there.</summary>
    TooLarge,
}
