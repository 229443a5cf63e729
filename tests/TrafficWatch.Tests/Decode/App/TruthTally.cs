namespace TrafficWatch.Tests.Decode.App;

/// <summary>What <see cref="AppTruthAcceptanceTests"/> checked, matched, skipped and missed.</summary>
internal sealed class TruthTally
{
    public int Captures;
    public int CapturesWithEntries;
    public int DnsChecked;
    public int DnsValues;
    public int DhcpChecked;
    public int DhcpValues;
    public List<string> DnsParseErrors { get; } = [];
    public List<string> Skipped { get; } = [];
    public List<string> Failures { get; } = [];
}
