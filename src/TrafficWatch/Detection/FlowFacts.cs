using TrafficWatch.Flows;

namespace TrafficWatch.Detection;

/// <summary>Why the detectors are being told about a flow.</summary>
public enum FlowFactsKind : byte
{
    /// <summary>First packet: only the destination and (DNS) name are known; bytes are those of the first packet.</summary>
    Start,
    /// <summary>An interval of packet time closed while the flow was active: Delta* hold what happened in it.</summary>
    Update,
    /// <summary>The flow ended: Delta* hold what happened since the previous update.</summary>
    End,
}

/// <summary>
/// Everything detection needs about one flow, already attributed (device, zone, class) and enriched (name,
/// country, ASN, vendor cloud) by the earlier stages. Plain data; the device side is always the internal one
/// (for a flow between two internal devices, the initiator).
/// </summary>
public sealed record FlowFacts
{
    public required FlowFactsKind Kind { get; init; }
    public required long FlowId { get; init; }
    /// <summary>Packet time of this observation (flow start, interval end, or last packet).</summary>
    public required PacketTime Time { get; init; }
    public required PacketTime FlowStart { get; init; }
    public required AlertDevice Device { get; init; }
    /// <summary>True when policy restricts this device (cameras, NVRs, sensors by default); offices are only watched.</summary>
    public bool DeviceRestricted { get; init; }
    /// <summary>True when the device started the flow (it is the client).</summary>
    public bool DeviceIsInitiator { get; init; } = true;
    public required AlertDestination Destination { get; init; }
    /// <summary>The device on the other side when the destination is internal (a camera's NVR, say), else null.</summary>
    public AlertDevice? DestinationDevice { get; init; }
    /// <summary>The destination is outside every internal range (RFC 1918, CGNAT, ULA ... and the council's own).</summary>
    public bool DestinationIsExternal { get; init; }
    /// <summary>Vendor id whose cloud/P2P domains or ASNs the destination belongs to (signatures), or null.</summary>
    public string? VendorCloud { get; init; }
    /// <summary>What policy said about this destination for this device (null when no policy is loaded).</summary>
    public Policy.PolicyDecision? Policy { get; init; }
    /// <summary>
    /// The destination's class for metrics and reports: <c>internal</c>, <c>vendor-cloud</c>, <c>unapproved</c> (policy denies it)
    /// or <c>approved</c> (anything else external). See <see cref="DestinationClasses"/>.
    /// </summary>
    public string DestinationClass { get; init; } = DestinationClasses.Approved;
    /// <summary>Bytes and packets from the device to the destination (upload) and back, since the previous observation.</summary>
    public long DeltaBytesOut { get; init; }
    public long DeltaBytesIn { get; init; }
    public long DeltaPacketsOut { get; init; }
    public long DeltaPacketsIn { get; init; }
    /// <summary>The flow started since the previous interval collection (counted once in the <c>flows</c> metric field).</summary>
    public bool IsNewInInterval { get; init; }
    /// <summary>Totals so far.</summary>
    public long BytesOut { get; init; }
    public long BytesIn { get; init; }
    /// <summary>TLS/HTTP details when seen (SNI, JA3, HTTP Basic auth ...).</summary>
    public FlowApp? App { get; init; }
}

/// <summary>Values of <see cref="FlowFacts.DestinationClass"/> (the <c>dest_class</c> metric tag).</summary>
public static class DestinationClasses
{
    public const string Internal = "internal";
    public const string VendorCloud = "vendor-cloud";
    public const string Unapproved = "unapproved";
    public const string Approved = "approved";
}

/// <summary>A DNS question asked by a device (for tunnelling detection).</summary>
public sealed record DnsQueryFacts(AlertDevice Device, bool DeviceRestricted, string QueryName, ushort QueryType, PacketTime Time);

/// <summary>A device observed (first time in this run, or changed identity: new address, registered state).</summary>
public sealed record DeviceFacts(AlertDevice Device, bool DeviceRestricted, bool FirstSeen, PacketTime Time);

/// <summary>
/// One detector: consumes facts on the flow thread (packet time), raises alerts through <see cref="IAlertSink"/>.
/// Per-device state must be bounded. Detectors never see packets.
/// </summary>
public interface IDetector
{
    /// <summary>Rule name (e.g. <c>exfil-volume</c>), used in alerts, suppressions and the README.</summary>
    string Rule { get; }

    void OnFlow(FlowFacts flow, IAlertSink alerts) { }

    void OnDnsQuery(DnsQueryFacts query, IAlertSink alerts) { }

    void OnDevice(DeviceFacts device, IAlertSink alerts) { }

    /// <summary>Packet time moved on (at least once per interval): windows may close here.</summary>
    void OnTime(PacketTime now, IAlertSink alerts) { }
}
