namespace TrafficWatch.Detection;

/// <summary>Lookups by one device under one registered domain within the current window.</summary>
internal sealed class DnsDomainState(string domain) : TrackedState
{
    public readonly string Domain = domain;
    public long WindowStart = long.MinValue;
    /// <summary>64-bit hashes of the distinct subdomains seen in the window (bounded by the larger threshold).</summary>
    public readonly HashSet<ulong> Subdomains = [];
    public int Suspicious;
    public string? Example;
    public long QuietUntil = long.MinValue;
}
