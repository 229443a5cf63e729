using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TrafficWatch.Attribution.Assets;
using TrafficWatch.Attribution.Zones;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Decode.App.Http;

namespace TrafficWatch.Attribution.Devices;

/// <summary>
/// The device inventory: one <see cref="Device"/> per (MAC, outer VLAN), fed by the flow thread with flow starts,
/// ARP/NDP and the application-layer messages that name devices (DHCP, DHCPv6, mDNS, SSDP, HTTP). Single-threaded
/// and bounded: at <see cref="DeviceTableOptions.MaxDevices"/> the device that has been idle longest (least
/// recently seen sending) is evicted and counted. Lookups (<see cref="TryGet"/>, <see cref="FindByAddress"/>,
/// <see cref="IsRouter"/>) do not allocate.
/// </summary>
/// <remarks>
/// Routers: a MAC that sources external addresses, sources more distinct internal addresses than one host has,
/// is the next hop towards external addresses, or sends IPv6 router advertisements is a router. Flow source
/// addresses are never attributed to a router (they belong to the hosts behind it), and those recorded before
/// the MAC was recognised are removed, and so are the services seen on it (they may be routed hosts'); its own
/// ARP/NDP/DHCP addresses stay. Names from HTTP are not taken from a router's frames either (they are the routed
/// clients').
/// </remarks>
public sealed class DeviceTable
{
    private const string Cut = "…";

    // Linux starts its ephemeral range at 32768 (IANA's at 49152): a responder port above it is almost always the
    // client side of a flow whose start was missed.
    private const ushort FirstEphemeralPort = 32_768;

    private readonly DeviceTableOptions _options;
    private readonly OuiRegistry? _registry;
    private readonly VendorSignatures? _vendors;
    private readonly DeviceClassifier _classifier;
    private readonly ZoneMap _zones;
    private readonly AssetRegister _assets;
    private readonly Dictionary<DeviceKey, Device> _devices = [];
    private readonly Dictionary<AddressKey, Device> _byAddress = [];
    private readonly Dictionary<MacAddress, ushort> _vlanByMac = [];
    private Device? _oldest;
    private Device? _newest;

    /// <param name="options">Bounds; validated here.</param>
    /// <param name="registry">IEEE registry for vendor names; null leaves vendors empty.</param>
    /// <param name="vendors">vendors.yaml, for vendor ids and class hints; optional.</param>
    /// <param name="classifier">Class rules; null classifies by vendor hints and router detection only.</param>
    /// <param name="zones">Zone map; null means no zones.</param>
    /// <param name="assets">Asset register; null means every device is unregistered.</param>
    public DeviceTable(DeviceTableOptions options, OuiRegistry? registry = null, VendorSignatures? vendors = null,
        DeviceClassifier? classifier = null, ZoneMap? zones = null, AssetRegister? assets = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        }
        _options = options;
        _registry = registry;
        _vendors = vendors;
        _classifier = classifier ?? new DeviceClassifier(ClassRules.Empty);
        _zones = zones ?? ZoneMap.Empty;
        _assets = assets ?? AssetRegister.Empty;
    }

    public DeviceTableCounters Counters { get; } = new();

    /// <summary>Devices currently held.</summary>
    public int Count => _devices.Count;

    // ------------------------------------------------------------------------------------------ lookups ----

    public bool TryGet(MacAddress mac, ushort vlan, [NotNullWhen(true)] out Device? device)
        => _devices.TryGetValue(new DeviceKey(mac, vlan), out device);

    /// <summary>The device that most recently claimed <paramref name="address"/> on <paramref name="vlan"/>, or null.</summary>
    public Device? FindByAddress(UInt128 address, ushort vlan)
        => _byAddress.TryGetValue(new AddressKey(address, vlan), out var device) ? device : null;

    public bool IsRouter(MacAddress mac, ushort vlan)
        => _devices.TryGetValue(new DeviceKey(mac, vlan), out var device) && device.IsRouter;

    /// <summary>The device's class, recomputed only when its observations changed since the last call.</summary>
    public DeviceClassification Classify(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.CachedClassification is null || device.CachedVersion != device.Version)
        {
            device.CachedClassification = _classifier.Classify(device);
            device.CachedVersion = device.Version;
        }
        return device.CachedClassification;
    }

    /// <summary>Immutable copies of every device with class, zone and registration, sorted by VLAN then MAC.</summary>
    public IReadOnlyList<DeviceSnapshot> Snapshot()
    {
        var list = new List<DeviceSnapshot>(_devices.Count);
        foreach (var device in _devices.Values)
        {
            list.Add(DeviceSnapshot.From(device, Classify(device)));
        }
        list.Sort(static (a, b) => a.Vlan != b.Vlan ? a.Vlan.CompareTo(b.Vlan) : a.Mac.Value.CompareTo(b.Mac.Value));
        return list;
    }

    // ---------------------------------------------------------------------------------------- observers ----

    /// <summary>
    /// A flow started (first packet, initiator to responder). Learns the initiator's source address, the service
    /// the responder was contacted on, and detects routers. Call once per new flow, with the frame's MACs.
    /// </summary>
    public void ObserveFlowStart(MacAddress srcMac, MacAddress dstMac, ushort vlan, UInt128 srcIp, UInt128 dstIp, byte protocol,
        ushort dstPort, bool srcIsInternal, bool dstIsInternal, PacketTime t)
    {
        if (GetOrCreate(srcMac, vlan, t, touch: true) is { } source)
        {
            if (!srcIsInternal)
            {
                MarkRouter(source, RouterSignal.ExternalSource, srcIp);
            }
            else if (!source.IsRouter && IsHostAddress(srcIp))
            {
                if (CountFlowSource(source, srcIp))
                {
                    MarkRouter(source, RouterSignal.ManyInternalSources, srcIp);
                }
                else
                {
                    AddAddress(source, srcIp, AddressSource.Flow, t);
                }
            }
        }
        if (GetOrCreate(dstMac, vlan, t, touch: false) is not { } responder)
        {
            return;
        }
        if (!dstIsInternal)
        {
            MarkRouter(responder, RouterSignal.ExternalNextHop, dstIp);
        }
        else if (!responder.IsRouter && dstPort != 0 && protocol is ServicePorts.Tcp or ServicePorts.Udp or 132)
        {
            AddService(responder, protocol, dstPort, answered: false, t);
        }
    }

    /// <summary>
    /// The responder of a flow answered on <paramref name="port"/> (e.g. a SYN-ACK, or a UDP reply): the service is
    /// confirmed and counts at full weight. Optional; without it services count as contacted only.
    /// </summary>
    public void ObserveServiceAnswered(MacAddress responderMac, ushort vlan, byte protocol, ushort port, PacketTime t)
    {
        if (port != 0 && GetOrCreate(responderMac, vlan, t, touch: true) is { IsRouter: false } responder)
        {
            AddService(responder, protocol, port, answered: true, t);
        }
    }

    /// <summary>An ARP request or reply from <paramref name="mac"/> with sender address <paramref name="senderIp"/> (IPv4-mapped).</summary>
    public void ObserveArp(MacAddress mac, ushort vlan, UInt128 senderIp, PacketTime t)
    {
        if (GetOrCreate(mac, vlan, t, touch: true) is { } device && IsHostAddress(senderIp))
        {
            AddAddress(device, senderIp, AddressSource.Arp, t);
        }
    }

    /// <summary>An IPv6 neighbour discovery message from <paramref name="mac"/> about its own address <paramref name="ip"/>.</summary>
    public void ObserveNdp(MacAddress mac, ushort vlan, UInt128 ip, bool routerAdvert, PacketTime t)
    {
        if (GetOrCreate(mac, vlan, t, touch: true) is not { } device)
        {
            return;
        }
        if (IsHostAddress(ip))
        {
            AddAddress(device, ip, AddressSource.Ndp, t);
        }
        if (routerAdvert)
        {
            MarkRouter(device, RouterSignal.RouterAdvertisement, ip);
        }
    }

    /// <summary>
    /// A DHCPv4 message. Client messages give hostname (12), vendor class (60), parameter request list (55), FQDN (81),
    /// requested address (50) and ciaddr; an ACK gives yiaddr. The client is chaddr (falling back to option 61, then
    /// the frame source for client messages). A relayed message is attributed to the VLAN the client MAC was last
    /// seen on, else to the frame's VLAN.
    /// </summary>
    public void ObserveDhcp(DhcpMessage m, MacAddress frameSrc, ushort vlan, PacketTime t)
    {
        ArgumentNullException.ThrowIfNull(m);
        var isClient = m.Op == 1;
        var clientMac = m.ClientMac ?? m.ClientIdentifierMac ?? (isClient ? frameSrc : null);
        if (clientMac is not { } mac)
        {
            return;
        }
        var fromClient = isClient && mac == frameSrc;
        var clientVlan = !fromClient && _vlanByMac.TryGetValue(mac, out var known) ? known : vlan;
        if (!isClient)
        {
            if (m.Op == 2 && m.MessageType == DhcpMessageType.Ack && IsHostAddress(m.YourAddress)
                && GetOrCreate(mac, clientVlan, t, touch: false) is { } acked)
            {
                AddAddress(acked, m.YourAddress, AddressSource.Dhcp, t);
            }
            return;
        }
        if (GetOrCreate(mac, clientVlan, t, touch: fromClient) is not { } device)
        {
            return;
        }
        if (m.Hostname is { Length: > 0 } hostname)
        {
            AddName(device, DeviceNameKinds.DhcpHostname, hostname);
        }
        if (m.ClientFqdn is { Name.Length: > 0 } fqdn)
        {
            AddName(device, DeviceNameKinds.DhcpFqdn, fqdn.Name);
        }
        if (m.VendorClass is { Length: > 0 } vendorClass)
        {
            AddValue(device, device.VendorClassList, vendorClass);
        }
        if (m.ParameterRequestList.Count > 0)
        {
            var fingerprint = string.Join(',', m.ParameterRequestList);
            if (fingerprint != device.DhcpFingerprint)
            {
                device.DhcpFingerprint = fingerprint;
                device.Version++;
            }
        }
        if (m.RequestedAddress is { } requested && IsHostAddress(requested))
        {
            device.RequestedAddress = requested;
        }
        if (IsHostAddress(m.ClientAddress))
        {
            AddAddress(device, m.ClientAddress, AddressSource.Dhcp, t);
        }
    }

    /// <summary>
    /// A DHCPv6 client message (Solicit, Request, Renew, Rebind, Confirm, Release, Decline, Information-request):
    /// FQDN (39), vendor class (16) and the option request list (6). The client is the frame source, or for a
    /// relayed message the relay's client link-layer option (79), else the MAC in a DUID-LL/LLT.
    /// </summary>
    public void ObserveDhcpv6(Dhcpv6Message m, MacAddress frameSrc, ushort vlan, PacketTime t)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.MessageType is not (Dhcpv6MessageType.Solicit or Dhcpv6MessageType.Request or Dhcpv6MessageType.Confirm
            or Dhcpv6MessageType.Renew or Dhcpv6MessageType.Rebind or Dhcpv6MessageType.Release or Dhcpv6MessageType.Decline
            or Dhcpv6MessageType.InformationRequest))
        {
            return;
        }
        var relayed = m.RelayDepth > 0;
        MacAddress? clientMac = relayed ? m.RelayClientMac ?? m.ClientMac : frameSrc;
        if (clientMac is not { } mac)
        {
            return;
        }
        var clientVlan = relayed && _vlanByMac.TryGetValue(mac, out var known) ? known : vlan;
        if (GetOrCreate(mac, clientVlan, t, touch: !relayed) is not { } device)
        {
            return;
        }
        if (m.Fqdn is { Length: > 0 } fqdn)
        {
            AddName(device, DeviceNameKinds.Dhcpv6Fqdn, fqdn);
        }
        if (m.VendorClass.Count > 0)
        {
            var enterprise = m.VendorClassEnterprise?.ToString(CultureInfo.InvariantCulture) ?? "?";
            AddValue(device, device.VendorClassList, $"{enterprise}:{string.Join(' ', m.VendorClass)}");
        }
        if (m.OptionRequests.Count > 0)
        {
            var fingerprint = string.Join(',', m.OptionRequests);
            if (fingerprint != device.Dhcpv6Fingerprint)
            {
                device.Dhcpv6Fingerprint = fingerprint;
                device.Version++;
            }
        }
    }

    /// <summary>
    /// An mDNS message from <paramref name="src"/>. Responses (announcements) and the authority section of probes
    /// describe the sender: PTR/SRV records give service types (<c>_rtsp._tcp</c>) and instance names, SRV targets
    /// and A/AAAA owners give host names. Plain queries say what the sender looks for, not what it is: ignored.
    /// </summary>
    public void ObserveMdns(DnsMessage m, MacAddress src, ushort vlan, PacketTime t)
    {
        ArgumentNullException.ThrowIfNull(m);
        Device? device = null;
        foreach (var record in m.Records)
        {
            var describesSender = m.IsResponse ? record.Section != DnsSection.Authority : record.Section == DnsSection.Authority;
            if (!describesSender)
            {
                continue;
            }
            device ??= GetOrCreate(src, vlan, t, touch: true);
            if (device is null)
            {
                return;
            }
            switch (record.Type)
            {
                case DnsRecordType.Ptr when record.Target is { } target:
                    var owner = MdnsNames.WithoutLocal(record.Name);
                    if (owner.Equals(MdnsNames.ServiceEnumeration, StringComparison.OrdinalIgnoreCase))
                    {
                        if (MdnsNames.IsServiceType(MdnsNames.WithoutLocal(target)))
                        {
                            AddValue(device, device.MdnsServiceList, MdnsNames.WithoutLocal(target));
                        }
                    }
                    else if (MdnsNames.IsServiceType(owner))
                    {
                        AddValue(device, device.MdnsServiceList, owner);
                        if (MdnsNames.TrySplitInstance(target, out var instance, out _))
                        {
                            AddName(device, DeviceNameKinds.MdnsInstance, instance);
                        }
                    }
                    else if (MdnsNames.IsReverseName(owner))
                    {
                        AddName(device, DeviceNameKinds.MdnsHost, MdnsNames.WithoutRootDot(target));
                    }
                    break;
                case DnsRecordType.Srv:
                    if (MdnsNames.TrySplitInstance(record.Name, out var srvInstance, out var serviceType))
                    {
                        AddName(device, DeviceNameKinds.MdnsInstance, srvInstance);
                        AddValue(device, device.MdnsServiceList, serviceType);
                    }
                    if (record.Target is { Length: > 0 } host)
                    {
                        AddName(device, DeviceNameKinds.MdnsHost, MdnsNames.WithoutRootDot(host));
                    }
                    break;
                case DnsRecordType.A or DnsRecordType.Aaaa:
                    if (!MdnsNames.IsReverseName(record.Name))
                    {
                        AddName(device, DeviceNameKinds.MdnsHost, MdnsNames.WithoutRootDot(record.Name));
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// An SSDP message from <paramref name="src"/>. NOTIFY and search responses describe the sender (NT/ST types,
    /// SERVER); an M-SEARCH describes the control point only through its USER-AGENT.
    /// </summary>
    public void ObserveSsdp(SsdpMessage m, MacAddress src, ushort vlan, PacketTime t)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (GetOrCreate(src, vlan, t, touch: true) is not { } device)
        {
            return;
        }
        if (m.Kind is SsdpMessageKind.Notify or SsdpMessageKind.Response)
        {
            var type = m.Kind == SsdpMessageKind.Notify ? m.Nt : m.St;
            if (type is not null && type.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
            {
                AddValue(device, device.SsdpTypeList, type);
            }
            if (m.Server is { Length: > 0 } server)
            {
                AddValue(device, device.SsdpServerList, server);
            }
        }
        else if (m.UserAgent is { Length: > 0 } userAgent)
        {
            AddValue(device, device.UserAgentList, userAgent);
        }
    }

    /// <summary>A cleartext HTTP request from <paramref name="src"/>: its User-Agent (not taken from a router's frames).</summary>
    public void ObserveHttpRequest(HttpRequest r, MacAddress src, ushort vlan, PacketTime t)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.UserAgent is { Length: > 0 } userAgent && GetOrCreate(src, vlan, t, touch: true) is { IsRouter: false } device)
        {
            AddValue(device, device.UserAgentList, userAgent);
        }
    }

    /// <summary>
    /// Bytes a device sent and received with <paramref name="remote"/> (call at flow end or per interval, for the
    /// internal endpoint). External remotes are counted as distinct destinations, up to the cap.
    /// </summary>
    public void AddTraffic(MacAddress mac, ushort vlan, long bytesOut, long bytesIn, UInt128 remote, bool remoteIsExternal)
        => AddTraffic(mac, vlan, bytesOut, bytesIn, remote, remoteIsExternal, null);

    /// <summary>
    /// As above; <paramref name="t"/> (the end of the interval or flow the bytes belong to) also moves the device's
    /// last-seen time on, so a camera that only streams keeps an up-to-date last seen.
    /// </summary>
    public void AddTraffic(MacAddress mac, ushort vlan, long bytesOut, long bytesIn, UInt128 remote, bool remoteIsExternal, PacketTime? t)
    {
        if (!_devices.TryGetValue(new DeviceKey(mac, vlan), out var device))
        {
            Counters.TrafficWithoutDevice++;
            return;
        }
        if (t is { } seen && seen > device.LastSeen)
        {
            device.LastSeen = seen;
            MoveToNewest(device);
        }
        device.BytesOut += Math.Max(0, bytesOut);
        device.BytesIn += Math.Max(0, bytesIn);
        if (!remoteIsExternal || device.ExternalDestinationsCapped)
        {
            return;
        }
        device.ExternalDestinationSet ??= [];
        device.ExternalDestinationSet.Add(remote);
        if (device.ExternalDestinationSet.Count >= _options.MaxExternalDestinations)
        {
            device.ExternalDestinationsCapped = true;
        }
    }

    // ---------------------------------------------------------------------------------------- internals ----

    private Device? GetOrCreate(MacAddress mac, ushort vlan, PacketTime t, bool touch)
    {
        if (mac.Value == 0 || mac.IsMulticast)
        {
            return null;                                       // broadcast is multicast too
        }
        var key = new DeviceKey(mac, vlan);
        if (_devices.TryGetValue(key, out var device))
        {
            if (touch)
            {
                if (t > device.LastSeen)
                {
                    device.LastSeen = t;
                }
                MoveToNewest(device);
            }
            if (t < device.FirstSeen)
            {
                device.FirstSeen = t;                          // merged inputs may be slightly out of order
            }
            return device;
        }
        if (_devices.Count >= _options.MaxDevices && _oldest is { } victim)
        {
            Remove(victim);
            Counters.Evicted++;
        }
        device = new Device(key, t);
        if (_registry is not null && _registry.TryLookup(mac, out var organization))
        {
            device.Organization = organization;
            if (_vendors is not null && _vendors.TryGetByOrganization(organization, out var vendor))
            {
                device.Vendor = vendor;
            }
        }
        if (_assets.TryGetByMac(mac, out var asset))
        {
            device.Asset = asset;
        }
        device.Zone = _zones.ResolveVlan(vlan) ?? device.Asset?.Zone;
        _devices.Add(key, device);
        _vlanByMac[mac] = vlan;
        Link(device);
        Counters.Created++;
        return device;
    }

    private void Remove(Device device)
    {
        _devices.Remove(device.Key);
        foreach (var address in device.AddressList)
        {
            RemoveIndex(device, address.Address);
        }
        if (_vlanByMac.TryGetValue(device.Mac, out var vlan) && vlan == device.Vlan)
        {
            _vlanByMac.Remove(device.Mac);
        }
        Unlink(device);
    }

    private void RemoveIndex(Device device, UInt128 address)
    {
        var key = new AddressKey(address, device.Vlan);
        if (_byAddress.TryGetValue(key, out var holder) && ReferenceEquals(holder, device))
        {
            _byAddress.Remove(key);
        }
    }

    private void Link(Device device)
    {
        device.Older = _newest;
        device.Newer = null;
        if (_newest is not null)
        {
            _newest.Newer = device;
        }
        _newest = device;
        _oldest ??= device;
    }

    private void Unlink(Device device)
    {
        if (device.Older is not null)
        {
            device.Older.Newer = device.Newer;
        }
        else
        {
            _oldest = device.Newer;
        }
        if (device.Newer is not null)
        {
            device.Newer.Older = device.Older;
        }
        else
        {
            _newest = device.Older;
        }
        device.Older = device.Newer = null;
    }

    private void MoveToNewest(Device device)
    {
        if (!ReferenceEquals(_newest, device))
        {
            Unlink(device);
            Link(device);
        }
    }

    private void AddAddress(Device device, UInt128 address, AddressSource source, PacketTime t)
    {
        if (source == AddressSource.Flow && device.IsRouter)
        {
            return;
        }
        var list = device.AddressList;
        var key = new AddressKey(address, device.Vlan);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Address == address)
            {
                var existing = list[i];
                if (t > existing.LastSeen)
                {
                    existing = existing with { LastSeen = t };
                }
                if (existing.Source == AddressSource.Flow && source != AddressSource.Flow)
                {
                    existing = existing with { Source = source };  // the device claimed it itself: not a routed address
                }
                list[i] = existing;
                _byAddress[key] = device;                      // the latest claimant owns the address
                return;
            }
        }
        var entry = new DeviceAddress(address, source, t, t);
        if (list.Count >= _options.MaxAddressesPerDevice)
        {
            var stalest = 0;
            for (var i = 1; i < list.Count; i++)
            {
                if (list[i].LastSeen < list[stalest].LastSeen)
                {
                    stalest = i;
                }
            }
            RemoveIndex(device, list[stalest].Address);
            list[stalest] = entry;
            Counters.ValuesDropped++;
        }
        else
        {
            list.Add(entry);
        }
        _byAddress[key] = device;
        device.Version++;
        if (_zones.ResolveVlan(device.Vlan) is null && _zones.Resolve(device.Vlan, address) is { } zone)
        {
            device.Zone = zone;
        }
        if (device.Asset is null && _assets.TryGetByAddress(address, out var asset))
        {
            device.Asset = asset;
            device.Zone ??= asset.Zone;
        }
    }

    private void AddService(Device device, byte protocol, ushort port, bool answered, PacketTime t)
    {
        var list = device.ServiceList;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Protocol == protocol && list[i].Port == port)
            {
                if (answered && !list[i].Answered)
                {
                    list[i] = list[i] with { Answered = true };
                    device.Version++;
                }
                return;
            }
        }
        var known = _classifier.Rules.HasServiceRule(protocol, port);
        if (!known && (port >= FirstEphemeralPort || port is AppPorts.DhcpClient or AppPorts.Dhcpv6Client))
        {
            return;                                            // client/ephemeral ports: a missed flow start or a reply, not a service
        }
        // Ports a rule knows may exceed the bound (up to twice it), so junk ports cannot crowd them out.
        if (list.Count >= (known ? 2 * _options.MaxServicesPerDevice : _options.MaxServicesPerDevice))
        {
            Counters.ValuesDropped++;
            return;
        }
        list.Add(new DeviceService(protocol, port, answered, t));
        device.Version++;
    }

    private void AddName(Device device, string kind, string value)
    {
        value = Bound(value);
        foreach (var name in device.NameList)
        {
            if (name.Kind == kind && name.Value == value)
            {
                return;
            }
        }
        if (device.NameList.Count >= _options.MaxValuesPerDevice)
        {
            Counters.ValuesDropped++;
            return;
        }
        device.NameList.Add(new DeviceName(kind, value));
        device.Version++;
    }

    private void AddValue(Device device, List<string> list, string value)
    {
        value = Bound(value);
        if (list.Contains(value))
        {
            return;
        }
        if (list.Count >= _options.MaxValuesPerDevice)
        {
            Counters.ValuesDropped++;
            return;
        }
        list.Add(value);
        device.Version++;
    }

    private string Bound(string value)
        => value.Length <= _options.MaxTextLength ? value : string.Concat(value.AsSpan(0, _options.MaxTextLength), Cut);

    /// <summary>Counts a distinct internal flow source; true when the MAC now has more than one host would.</summary>
    private bool CountFlowSource(Device device, UInt128 address)
    {
        if (IpAddr.IsIPv4(address))
        {
            device.FlowSources4 ??= [];
            return device.FlowSources4.Add(address) && device.FlowSources4.Count > _options.RouterIPv4SourceThreshold;
        }
        if (IsLinkLocalV6(address))
        {
            return false;                                      // link-local is never routed
        }
        device.FlowSources6 ??= [];
        return device.FlowSources6.Add(address) && device.FlowSources6.Count > _options.RouterIPv6SourceThreshold;
    }

    private void MarkRouter(Device device, RouterSignal signal, UInt128 example)
    {
        if ((device.RouterSignals & signal) != 0)
        {
            return;
        }
        var becameRouter = !device.IsRouter;
        device.RouterSignals |= signal;
        var text = IpAddr.ToString(example);
        device.RouterReasonList.Add(signal switch
        {
            RouterSignal.ExternalSource => $"sends traffic from external address {text}",
            RouterSignal.ManyInternalSources => $"sends traffic from more distinct internal addresses than one host has (e.g. {text})",
            RouterSignal.ExternalNextHop => $"next hop for external address {text}",
            _ => $"sends IPv6 router advertisements (from {text})",
        });
        device.Version++;
        if (!becameRouter)
        {
            return;
        }
        Counters.RoutersDetected++;
        device.FlowSources4 = null;
        device.FlowSources6 = null;
        device.ServiceList.Clear();                            // ports reached through it may be the routed hosts'
        for (var i = device.AddressList.Count - 1; i >= 0; i--)
        {
            if (device.AddressList[i].Source == AddressSource.Flow)
            {
                RemoveIndex(device, device.AddressList[i].Address);
                device.AddressList.RemoveAt(i);
            }
        }
    }

    /// <summary>Unicast host addresses only: not 0.0.0.0/::, broadcast or multicast.</summary>
    private static bool IsHostAddress(UInt128 address)
    {
        if (IpAddr.IsIPv4(address))
        {
            var v4 = IpAddr.ToIPv4(address);
            return v4 != 0 && v4 != uint.MaxValue && (v4 >> 28) != 0xE;
        }
        return address != UInt128.Zero && (ulong)(address >> 120) != 0xFF;
    }

    private static bool IsLinkLocalV6(UInt128 address) => (ulong)(address >> 118) == (0xFE80UL >> 6);
}
