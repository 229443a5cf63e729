using TrafficWatch.Attribution;
using TrafficWatch.Attribution.Devices;
using TrafficWatch.Decode;
using TrafficWatch.Detection;
using TrafficWatch.Detection.Policy;
using TrafficWatch.Enrichment;
using TrafficWatch.Flows;

namespace TrafficWatch.Pipeline;

/// <summary>
/// Turns a flow record into <see cref="FlowFacts"/>: which device it belongs to (the internal side, from the device
/// inventory: name, vendor, class, zone, asset register), where it goes (name and how it was learned, country, ASN,
/// vendor cloud), and what policy says about it (restricted device, allowed or denied, destination class).
/// Flow thread only; called per flow event (start, interval, end), never per packet.
/// </summary>
public sealed class FlowAttributor
{
    private readonly DeviceTable _devices;
    private readonly AddressScope _scope;
    private readonly GeoIpDatabases _geo;
    private readonly VendorSignatures? _vendors;
    private readonly PolicySet? _policy;
    private readonly Dictionary<uint, string> _vendorByAsn = new();
    private readonly Dictionary<(ulong Mac, ushort Vlan, UInt128 Address), CachedDevice> _described = new();

    /// <summary>A device's description is reused for this long (packet time) before it is read from the inventory again.</summary>
    public static readonly long DescriptionRefreshNs = 10 * PacketTime.NanosPerSecond;

    /// <summary>At most this many descriptions are cached (cleared when full).</summary>
    public const int MaxCachedDescriptions = 100_000;

    private long _nowNs;

    public FlowAttributor(DeviceTable devices, AddressScope scope, GeoIpDatabases geo, VendorSignatures? vendors, PolicySet? policy)
    {
        _devices = devices;
        _scope = scope;
        _geo = geo;
        _vendors = vendors;
        _policy = policy;
        foreach (var vendor in vendors?.Vendors ?? [])
        {
            foreach (var asn in vendor.Asns)
            {
                _vendorByAsn.TryAdd(asn, vendor.Id);
            }
        }
    }

    public AddressScope Scope => _scope;

    public PolicySet? Policy => _policy;

    /// <summary>Facts about a flow at <paramref name="time"/>; <paramref name="kind"/> says whether it starts, is updated or ended.</summary>
    public FlowFacts Build(in FlowRecord r, FlowFactsKind kind, PacketTime time)
    {
        _nowNs = Math.Max(_nowNs, time.Nanoseconds);
        var srcInternal = _scope.IsInternal(r.SrcAddr);
        var dstInternal = _scope.IsInternal(r.DstAddr);
        // The device is the internal side; the initiator when both (or neither) are internal.
        var deviceIsInitiator = srcInternal || !dstInternal;
        var vlan = r.Key.OuterVlan;
        var deviceMac = deviceIsInitiator ? r.SrcMac : r.DstMac;
        var deviceIp = deviceIsInitiator ? r.SrcAddr : r.DstAddr;
        var peerMac = deviceIsInitiator ? r.DstMac : r.SrcMac;
        var peerIp = deviceIsInitiator ? r.DstAddr : r.SrcAddr;
        var peerPort = deviceIsInitiator ? r.DstPort : r.SrcPort;
        var external = !_scope.IsInternal(peerIp);

        var device = Describe(deviceMac, vlan, deviceIp, out var deviceClass, out var vendorId);
        AlertDevice? peerDevice = null;
        if (!external && _devices.TryGet(peerMac, vlan, out var peer) && !peer.IsRouter)
        {
            peerDevice = Describe(peerMac, vlan, peerIp, out _, out _);
        }

        // Only the initiator's destination has a name (DNS/SNI/HTTP name the responder).
        var name = deviceIsInitiator ? r.DestName : null;
        var nameSource = deviceIsInitiator ? r.DestNameSource : NameSource.None;
        var geo = external ? _geo.Lookup(peerIp) : DestinationGeo.Empty;
        var destination = new AlertDestination
        {
            Address = peerIp,
            Port = FlowKey.IsIcmp(r.Protocol) ? (ushort)0 : peerPort,
            Protocol = r.Protocol,
            Name = name,
            NameSource = nameSource,
            Country = geo.Country,
            Asn = geo.Asn,
            AsnOrganization = geo.AsnOrganization,
        };
        var vendorCloud = VendorCloud(name, geo.Asn);

        PolicyDecision? decision = null;
        var restricted = false;
        if (_policy is not null)
        {
            var subject = new PolicySubject(deviceMac, device.Zone, deviceClass, vendorId);
            restricted = _policy.IsRestricted(in subject);
            var target = new PolicyTarget(peerIp, destination.Port, r.Protocol, name, geo.Country, geo.Asn, !external);
            decision = _policy.Evaluate(in subject, in target, time);
        }
        var destinationClass = !external ? DestinationClasses.Internal
            : vendorCloud is not null ? DestinationClasses.VendorCloud
            : decision is { IsDenied: true } ? DestinationClasses.Unapproved
            : DestinationClasses.Approved;

        return new FlowFacts
        {
            Kind = kind,
            FlowId = r.FlowId,
            Time = time,
            FlowStart = r.Start,
            Device = device,
            DeviceRestricted = restricted,
            DeviceIsInitiator = deviceIsInitiator,
            Destination = destination,
            DestinationDevice = peerDevice,
            DestinationIsExternal = external,
            VendorCloud = vendorCloud,
            Policy = decision,
            DestinationClass = destinationClass,
            DeltaBytesOut = deviceIsInitiator ? r.DeltaBytesToServer : r.DeltaBytesToClient,
            DeltaBytesIn = deviceIsInitiator ? r.DeltaBytesToClient : r.DeltaBytesToServer,
            DeltaPacketsOut = deviceIsInitiator ? r.DeltaPktsToServer : r.DeltaPktsToClient,
            DeltaPacketsIn = deviceIsInitiator ? r.DeltaPktsToClient : r.DeltaPktsToServer,
            IsNewInInterval = r.IsNewInInterval,
            BytesOut = deviceIsInitiator ? r.BytesToServer : r.BytesToClient,
            BytesIn = deviceIsInitiator ? r.BytesToClient : r.BytesToServer,
            App = r.App,
        };
    }

    /// <summary>The inventory's view of a device (unknown devices get the MAC's vendor and class <c>unknown</c>).</summary>
    public AlertDevice Describe(MacAddress mac, ushort vlan, UInt128 address, out DeviceClass deviceClass, out string? vendorId)
    {
        // Flow events come in bursts per device (every interval, every flow): describe each device once per refresh period.
        var key = (mac.Value, vlan, address);
        if (_described.TryGetValue(key, out var cached) && _nowNs - cached.AtNs < DescriptionRefreshNs && _nowNs >= cached.AtNs)
        {
            deviceClass = cached.Class;
            vendorId = cached.VendorId;
            return cached.Device;
        }
        var described = DescribeNow(mac, vlan, address, out deviceClass, out vendorId);
        if (_described.Count >= MaxCachedDescriptions)
        {
            _described.Clear();
        }
        _described[key] = new CachedDevice(described, deviceClass, vendorId, _nowNs);
        return described;
    }

    private AlertDevice DescribeNow(MacAddress mac, ushort vlan, UInt128 address, out DeviceClass deviceClass, out string? vendorId)
    {
        if (!_devices.TryGet(mac, vlan, out var device))
        {
            deviceClass = DeviceClass.Unknown;
            vendorId = null;
            return new AlertDevice { Mac = mac, Vlan = vlan, Address = address };
        }
        var classification = _devices.Classify(device);
        deviceClass = classification.Class;
        vendorId = device.Vendor?.Id;
        return new AlertDevice
        {
            Mac = mac,
            Vlan = vlan,
            Address = address,
            Name = BestName(device),
            Vendor = device.Vendor?.Id ?? device.Organization,
            Class = deviceClass.ToName(),
            Zone = device.Zone,
            Site = device.Asset?.Site,
            Owner = device.Asset?.Owner,
            Registered = device.Asset is not null,
        };
    }

    /// <summary>The asset register's name, else the DHCP hostname, else any name the device announced.</summary>
    public static string? BestName(Device device)
    {
        if (!string.IsNullOrEmpty(device.Asset?.Name))
        {
            return device.Asset.Name;
        }
        string? fallback = null;
        foreach (var name in device.Names)
        {
            if (name.Kind == DeviceNameKinds.DhcpHostname)
            {
                return name.Value;
            }
            fallback ??= name.Value;
        }
        return fallback;
    }

    private readonly record struct CachedDevice(AlertDevice Device, DeviceClass Class, string? VendorId, long AtNs);

    private string? VendorCloud(string? name, uint? asn)
    {
        if (name is not null && _vendors is not null && _vendors.TryMatchDomain(name, out var vendor))
        {
            return vendor.Id;
        }
        return asn is { } a && _vendorByAsn.TryGetValue(a, out var id) ? id : null;
    }
}
