using TrafficWatch.Attribution.Assets;
using TrafficWatch.Decode;

namespace TrafficWatch.Attribution.Devices;

/// <summary>
/// One device (a MAC on one VLAN) as the <see cref="DeviceTable"/> has seen it so far. Owned and mutated by the
/// flow thread only; other threads take a <see cref="DeviceSnapshot"/>. Every list is bounded by
/// <see cref="DeviceTableOptions"/>. Text values are kept as decoded from the wire: escape them for display.
/// </summary>
public sealed class Device
{
    internal readonly List<DeviceAddress> AddressList = [];
    internal readonly List<DeviceName> NameList = [];
    internal readonly List<DeviceService> ServiceList = [];
    internal readonly List<string> VendorClassList = [];
    internal readonly List<string> MdnsServiceList = [];
    internal readonly List<string> SsdpTypeList = [];
    internal readonly List<string> SsdpServerList = [];
    internal readonly List<string> UserAgentList = [];
    internal readonly List<string> RouterReasonList = [];
    internal HashSet<UInt128>? ExternalDestinationSet;
    internal HashSet<UInt128>? FlowSources4;
    internal HashSet<UInt128>? FlowSources6;

    // Least-recently-active list of the table (intrusive, so moving a device does not allocate).
    internal Device? Older;
    internal Device? Newer;

    internal DeviceClassification? CachedClassification;
    internal int CachedVersion = -1;

    internal Device(DeviceKey key, PacketTime firstSeen)
    {
        Key = key;
        FirstSeen = firstSeen;
        LastSeen = firstSeen;
    }

    public DeviceKey Key { get; }

    public MacAddress Mac => Key.Mac;

    /// <summary>Outer VLAN id (0 when untagged).</summary>
    public ushort Vlan => Key.Vlan;

    /// <summary>IEEE registry owner of the MAC block (full name); null for unregistered and locally administered MACs.</summary>
    public string? Organization { get; internal set; }

    /// <summary>The vendors.yaml entry owning <see cref="Organization"/>, or null.</summary>
    public VendorEntry? Vendor { get; internal set; }

    /// <summary>Packet time the device was first seen (as a sender or as a contacted responder).</summary>
    public PacketTime FirstSeen { get; internal set; }

    /// <summary>Packet time the device last sent something.</summary>
    public PacketTime LastSeen { get; internal set; }

    /// <summary>True once the MAC routes traffic; routed (flow source) addresses are then not attributed to it.</summary>
    public bool IsRouter => RouterSignals != RouterSignal.None;

    public RouterSignal RouterSignals { get; internal set; }

    /// <summary>One line per <see cref="RouterSignals"/> flag, with the first example seen.</summary>
    public IReadOnlyList<string> RouterReasons => RouterReasonList;

    public IReadOnlyList<DeviceAddress> Addresses => AddressList;

    public IReadOnlyList<DeviceName> Names => NameList;

    public IReadOnlyList<DeviceService> Services => ServiceList;

    /// <summary>DHCPv4 option 60 values, and DHCPv6 option 16 as <c>enterprise:data</c>.</summary>
    public IReadOnlyList<string> VendorClasses => VendorClassList;

    /// <summary>Last DHCPv4 parameter request list (option 55), comma-separated in wire order: the DHCP fingerprint.</summary>
    public string? DhcpFingerprint { get; internal set; }

    /// <summary>Last DHCPv6 option request list (option 6), comma-separated in wire order.</summary>
    public string? Dhcpv6Fingerprint { get; internal set; }

    /// <summary>Last DHCPv4 requested address (option 50), which the server may still refuse.</summary>
    public UInt128? RequestedAddress { get; internal set; }

    /// <summary>DNS-SD service types announced over mDNS, e.g. <c>_rtsp._tcp</c>.</summary>
    public IReadOnlyList<string> MdnsServices => MdnsServiceList;

    /// <summary>SSDP NT/ST values announced (<c>urn:...:device:...</c>, <c>urn:...:service:...</c>).</summary>
    public IReadOnlyList<string> SsdpTypes => SsdpTypeList;

    /// <summary>SSDP SERVER header values.</summary>
    public IReadOnlyList<string> SsdpServers => SsdpServerList;

    /// <summary>HTTP User-Agent values sent in clear text (and SSDP M-SEARCH USER-AGENT).</summary>
    public IReadOnlyList<string> UserAgents => UserAgentList;

    public long BytesOut { get; internal set; }

    public long BytesIn { get; internal set; }

    /// <summary>Distinct external addresses this device exchanged traffic with (stops at the cap).</summary>
    public int ExternalDestinations => ExternalDestinationSet?.Count ?? 0;

    /// <summary>True when <see cref="ExternalDestinations"/> reached <see cref="DeviceTableOptions.MaxExternalDestinations"/>.</summary>
    public bool ExternalDestinationsCapped { get; internal set; }

    /// <summary>Zone from the <c>Zones</c> configuration (VLAN first, then address), else the asset register's zone.</summary>
    public string? Zone { get; internal set; }

    /// <summary>The asset register row labelling this device, or null (unregistered).</summary>
    public AssetRecord? Asset { get; internal set; }

    public bool Registered => Asset is not null;

    /// <summary>Bumped whenever something the classifier looks at changes.</summary>
    public int Version { get; internal set; }

    /// <summary>The best name to show: DHCP hostname, then mDNS host, then any other name; null when none.</summary>
    public string? PreferredName
    {
        get
        {
            string? fallback = null;
            foreach (var name in NameList)
            {
                if (name.Kind == DeviceNameKinds.DhcpHostname)
                {
                    return name.Value;
                }
                fallback ??= name.Kind == DeviceNameKinds.MdnsHost ? name.Value : null;
            }
            return fallback ?? (NameList.Count > 0 ? NameList[0].Value : null);
        }
    }

    public override string ToString() => Key.ToString();
}
