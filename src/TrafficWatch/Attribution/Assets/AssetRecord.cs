using TrafficWatch.Decode;

namespace TrafficWatch.Attribution.Assets;

/// <summary>One row of the council's asset register. Optional text columns are null when empty or absent.</summary>
/// <param name="Mac">The device MAC; null for a row identified by <paramref name="Address"/> only.</param>
/// <param name="Address">The expected address (IPv4-mapped for IPv4), or null.</param>
/// <param name="Name">The council's name for the device.</param>
/// <param name="Zone">The zone the register puts it in (used when the <c>Zones</c> configuration gives none).</param>
/// <param name="Site">Where it is installed.</param>
/// <param name="Owner">Who is responsible for it.</param>
/// <param name="Notes">Free text.</param>
/// <param name="Line">1-based line the row starts on.</param>
public sealed record AssetRecord(MacAddress? Mac, UInt128? Address, string? Name, string? Zone, string? Site, string? Owner,
    string? Notes, int Line);
