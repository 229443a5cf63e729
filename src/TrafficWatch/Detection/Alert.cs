using TrafficWatch.Decode;
using TrafficWatch.Flows;

namespace TrafficWatch.Detection;

/// <summary>How urgent an alert is. The numbers are Suricata's EVE <c>alert.severity</c> (1 is the most severe).</summary>
public enum AlertSeverity : byte
{
    High = 1,
    Medium = 2,
    Low = 3,
}

/// <summary>The device an alert is about (the internal side of the flow), as the inventory knows it.</summary>
public sealed record AlertDevice
{
    public required MacAddress Mac { get; init; }
    /// <summary>Outer VLAN id, 0 when untagged.</summary>
    public ushort Vlan { get; init; }
    /// <summary>Current IP address of the device (IPv4-mapped for IPv4), when known.</summary>
    public UInt128? Address { get; init; }
    /// <summary>Best name (asset register, DHCP hostname, mDNS ...). Came off the wire unless registered: hostile text.</summary>
    public string? Name { get; init; }
    /// <summary>Vendor id from signatures (e.g. <c>hikvision</c>) or the IEEE organisation name, when known.</summary>
    public string? Vendor { get; init; }
    /// <summary>Device class name (<c>camera</c>, <c>nvr</c>, <c>iot-sensor</c> ..., see DeviceClassNames).</summary>
    public string Class { get; init; } = "unknown";
    public string? Zone { get; init; }
    public string? Site { get; init; }
    public string? Owner { get; init; }
    /// <summary>True when the device is in the council's asset register.</summary>
    public bool Registered { get; init; }
}

/// <summary>Where the offending traffic went.</summary>
public sealed record AlertDestination
{
    /// <summary>IPv4-mapped for IPv4 (see <see cref="IpAddr"/>).</summary>
    public required UInt128 Address { get; init; }
    public ushort Port { get; init; }
    /// <summary>IP protocol number (6 TCP, 17 UDP ...).</summary>
    public byte Protocol { get; init; }
    /// <summary>Name from DNS/SNI/HTTP (hostile text), or null.</summary>
    public string? Name { get; init; }
    public NameSource NameSource { get; init; }
    /// <summary>ISO 3166-1 alpha-2 country code from GeoIP, or null.</summary>
    public string? Country { get; init; }
    public uint? Asn { get; init; }
    public string? AsnOrganization { get; init; }
}

/// <summary>
/// One finding, with everything a reader needs to act on it. Produced on the flow thread by the detectors in
/// packet time; consumed by outputs (EVE <c>alert</c> events, metrics, e-mail, reports) through <see cref="IAlertSink"/>.
/// </summary>
public sealed record Alert
{
    /// <summary>Detector name, e.g. <c>unapproved-destination</c>, <c>exfil-volume</c>, <c>vendor-cloud</c>.</summary>
    public required string Rule { get; init; }
    /// <summary>Stable numeric id for EVE's <c>alert.signature_id</c> (one per rule, documented in the README).</summary>
    public required int SignatureId { get; init; }
    /// <summary>Short title for EVE's <c>alert.signature</c>, e.g. "Camera talks to an unapproved destination".</summary>
    public required string Signature { get; init; }
    /// <summary>EVE's <c>alert.category</c>, e.g. "Policy Violation", "Potential Data Exfiltration".</summary>
    public required string Category { get; init; }
    public required AlertSeverity Severity { get; init; }
    /// <summary>Packet time at which the alert fired.</summary>
    public required PacketTime Timestamp { get; init; }
    public required AlertDevice Device { get; init; }
    /// <summary>Null for device-only findings (e.g. new-device).</summary>
    public AlertDestination? Destination { get; init; }
    /// <summary>Bytes from the device to the destination (upload) and back, over the evidence window.</summary>
    public long BytesOut { get; init; }
    public long BytesIn { get; init; }
    public PacketTime FirstSeen { get; init; }
    public PacketTime LastSeen { get; init; }
    /// <summary>One sentence in plain English: what happened, why it is not allowed.</summary>
    public required string Explanation { get; init; }
    /// <summary>The policy rule that was broken, as "file:line: text", when a policy line applies.</summary>
    public string? PolicyLine { get; init; }
    /// <summary>What the reader should do next (one or two sentences).</summary>
    public string? Advice { get; init; }
    /// <summary>EVE flow id of the flow that triggered it, when there is one.</summary>
    public long? FlowId { get; init; }

    /// <summary>
    /// Deterministic id (52 bits, safe in JSON numbers): the same replay gives the same ids. Written as EVE
    /// <c>alert.id</c>; <c>trafficwatch extract --alert ID</c> finds the alert by it.
    /// </summary>
    public long Id => ComputeId(Rule, Device.Mac, Destination?.Address, Timestamp);

    public static long ComputeId(string rule, MacAddress device, UInt128? destination, PacketTime timestamp)
    {
        // FNV-1a over the identifying fields; stable across runs and platforms (no string.GetHashCode).
        var hash = 14695981039346656037UL;
        void Mix(ulong value)
        {
            for (var i = 0; i < 8; i++)
            {
                hash ^= (byte)(value >> (i * 8));
                hash *= 1099511628211UL;
            }
        }
        foreach (var c in rule)
        {
            Mix(c);
        }
        Mix(device.Value);
        var d = destination ?? UInt128.Zero;
        Mix((ulong)(d >> 64));
        Mix((ulong)d);
        Mix((ulong)timestamp.Nanoseconds);
        return (long)(hash & ((1UL << 52) - 1));
    }
}

/// <summary>Receives alerts; called on the flow thread in packet-time order. Implementations must not block for long.</summary>
public interface IAlertSink
{
    void OnAlert(Alert alert);
}
