using TrafficWatch.Decode;

namespace TrafficWatch.Outputs.Report;

/// <summary>One device of the inventory, with where it talked outside the network.</summary>
public sealed record ReportDevice
{
    public required MacAddress Mac { get; init; }

    /// <summary>Vendor id from signatures or the IEEE organisation name, when known.</summary>
    public string? Vendor { get; init; }

    /// <summary>Device class name (<c>camera</c>, <c>nvr</c> …).</summary>
    public string Class { get; init; } = "unknown";

    /// <summary>0 to 1.</summary>
    public double ClassConfidence { get; init; }

    /// <summary>Why the class was chosen, one short line each (may quote wire text: hostile).</summary>
    public IReadOnlyList<string> ClassEvidence { get; init; } = [];

    /// <summary>Names seen (asset register, DHCP, mDNS …): hostile unless registered.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>IP addresses (IPv4-mapped for IPv4).</summary>
    public IReadOnlyList<UInt128> Addresses { get; init; } = [];

    /// <summary>Outer VLAN id, 0 when untagged.</summary>
    public ushort Vlan { get; init; }

    public string? Zone { get; init; }

    /// <summary>In the council's asset register.</summary>
    public bool Registered { get; init; }

    public PacketTime FirstSeen { get; init; }

    public PacketTime LastSeen { get; init; }

    /// <summary>Bytes sent by the device (all destinations) and received.</summary>
    public long BytesOut { get; init; }

    public long BytesIn { get; init; }

    /// <summary>External destinations, largest upload first (the filler's order is kept).</summary>
    public IReadOnlyList<ReportDestination> ExternalDestinations { get; init; } = [];
}
