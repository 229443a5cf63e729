namespace TrafficWatch.Decode.App.Http;

/// <summary>Outcome of splitting one header line into name and value.</summary>
internal enum HeaderSplit
{
    /// <summary>A valid header.</summary>
    Ok,
    /// <summary>The value holds control bytes: the header is skipped, parsing goes on.</summary>
    Ignored,
    /// <summary>Not a header line (no colon, obs-fold, bad name): the head is broken.</summary>
    Invalid,
}
