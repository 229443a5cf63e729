namespace TrafficWatch.Decode.App.Http;

/// <summary>Outcome of reading one line of an HTTP head.</summary>
internal enum HeadLine
{
    /// <summary>A whole line was read.</summary>
    Ok,
    /// <summary>No line end yet: the head continues in the next segment.</summary>
    NeedMore,
    /// <summary>The line is longer than the bound.</summary>
    TooLong,
    /// <summary>A CR not followed by LF: parsing stops (no CR/LF injection).</summary>
    BareCarriageReturn,
}
