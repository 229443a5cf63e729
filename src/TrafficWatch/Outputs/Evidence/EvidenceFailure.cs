namespace TrafficWatch.Outputs.Evidence;

/// <summary>The kind of <see cref="EvidenceException"/>, which the CLI maps to an exit code.</summary>
public enum EvidenceFailure
{
    /// <summary>The query matched nothing (unknown flow id, MAC or alert id): a usage error.</summary>
    NothingMatched,
    /// <summary>No input could be read (and so nothing matched).</summary>
    InputUnreadable,
    /// <summary>The EVE file could not be read, or has no such alert.</summary>
    AlertNotFound,
    /// <summary>The matching packets have several link types; a classic pcap holds one.</summary>
    MixedLinkTypes,
    /// <summary>The output file could not be written.</summary>
    CannotWrite,
}
