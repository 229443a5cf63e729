using TrafficWatch.Attribution.Devices;
using TrafficWatch.Capture;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Decode.App.Http;
using TrafficWatch.Enrichment;

namespace TrafficWatch.Tests.Attribution.Devices;

/// <summary>
/// Feeds a real capture to a <see cref="DeviceTable"/> the way the flow thread is meant to: ARP senders, one
/// <see cref="DeviceTable.ObserveFlowStart"/> per new 5-tuple (and <see cref="DeviceTable.ObserveServiceAnswered"/>
/// on the first reply), DHCP/DHCPv6/mDNS/SSDP datagrams and HTTP request heads through the existing parsers, and
/// traffic per packet. Tunnelled packets are skipped (their MACs are the tunnel's).
/// </summary>
internal sealed class CaptureDeviceFeeder(DeviceTable table, AddressScope scope)
{
    private readonly Dictionary<(UInt128, ushort, UInt128, ushort, byte, ushort), (UInt128 Initiator, bool Answered)> _flows = [];

    /// <summary>1-based frame numbers whose UDP payload went to the DHCPv4 parser.</summary>
    public HashSet<long> DhcpFrames { get; } = [];

    public long Frames { get; private set; }

    /// <summary>(sender MAC, sender address) of every ARP message fed (plain Ethernet only, not snapped short).</summary>
    public HashSet<(MacAddress, UInt128)> ArpSenders { get; } = [];

    public void Feed(string file)
    {
        using var source = CaptureFiles.Open(file);
        var meta = default(PacketMeta);
        while (source.Next(out var frame) == ReadStatus.Packet)
        {
            Frames++;
            PacketDecoder.Decode(frame.LinkType, frame.Data, ref meta);
            var t = frame.Timestamp;
            if (meta.EtherType == EtherTypes.Arp && frame.LinkType == LinkType.Ethernet && meta.TunnelDepth == 0)
            {
                var arp = 14 + 4 * Math.Min((int)meta.VlanCount, PacketMeta.MaxVlanTags);
                if (frame.Data.Length >= arp + 28 && frame.Data[arp + 4] == 6 && frame.Data[arp + 5] == 4)
                {
                    var sender = MacAddress.Read(frame.Data.Slice(arp + 8, 6));
                    var address = IpAddr.FromIPv4(frame.Data.Slice(arp + 14, 4));
                    ArpSenders.Add((sender, address));
                    table.ObserveArp(sender, meta.OuterVlan, address, t);
                }
                continue;
            }
            if (!meta.HasFlowKey || meta.TunnelDepth > 0 || meta.IsNonFirstFragment || meta.IsIcmpErrorQuote)
            {
                continue;
            }
            Flow(in meta, t);
            if (meta.PayloadLength <= 0 || meta.PayloadOffset < 0 || meta.PayloadOffset + meta.PayloadLength > frame.Data.Length)
            {
                continue;
            }
            var payload = frame.Data.Slice(meta.PayloadOffset, meta.PayloadLength);
            if (meta.Protocol == 17 && !meta.IsFragment)
            {
                Datagram(in meta, payload, t);
            }
            else if (meta.Protocol == 6 && HttpRequestParser.Parse(payload, out var request) is var _ && request is not null)
            {
                table.ObserveHttpRequest(request, meta.SrcMac, meta.OuterVlan, t);
            }
        }
    }

    private void Flow(in PacketMeta meta, PacketTime t)
    {
        var forward = meta.SrcAddr < meta.DstAddr || (meta.SrcAddr == meta.DstAddr && meta.SrcPort <= meta.DstPort);
        var key = forward
            ? (meta.SrcAddr, meta.SrcPort, meta.DstAddr, meta.DstPort, meta.Protocol, meta.OuterVlan)
            : (meta.DstAddr, meta.DstPort, meta.SrcAddr, meta.SrcPort, meta.Protocol, meta.OuterVlan);
        var srcInternal = scope.IsInternal(meta.SrcAddr);
        var dstInternal = scope.IsInternal(meta.DstAddr);
        if (!_flows.TryGetValue(key, out var flow))
        {
            _flows[key] = (meta.SrcAddr, false);
            table.ObserveFlowStart(meta.SrcMac, meta.DstMac, meta.OuterVlan, meta.SrcAddr, meta.DstAddr, meta.Protocol, meta.DstPort,
                srcInternal, dstInternal, t);
        }
        else if (!flow.Answered && flow.Initiator != meta.SrcAddr)
        {
            _flows[key] = (flow.Initiator, true);
            if (srcInternal)
            {
                table.ObserveServiceAnswered(meta.SrcMac, meta.OuterVlan, meta.Protocol, meta.SrcPort, t);
            }
        }
        if (srcInternal)
        {
            table.AddTraffic(meta.SrcMac, meta.OuterVlan, meta.WireLength, 0, meta.DstAddr, !dstInternal);
        }
        if (dstInternal)
        {
            table.AddTraffic(meta.DstMac, meta.OuterVlan, 0, meta.WireLength, meta.SrcAddr, !srcInternal);
        }
    }

    private void Datagram(in PacketMeta meta, ReadOnlySpan<byte> payload, PacketTime t)
    {
        if (meta.SrcPort is AppPorts.DhcpServer or AppPorts.DhcpClient || meta.DstPort is AppPorts.DhcpServer or AppPorts.DhcpClient)
        {
            DhcpFrames.Add(Frames);
            DhcpMessageParser.Parse(payload, out var dhcp);
            table.ObserveDhcp(dhcp, meta.SrcMac, meta.OuterVlan, t);
        }
        else if (meta.SrcPort is AppPorts.Dhcpv6Client or AppPorts.Dhcpv6Server || meta.DstPort is AppPorts.Dhcpv6Client or AppPorts.Dhcpv6Server)
        {
            Dhcpv6MessageParser.Parse(payload, out var dhcpv6);
            table.ObserveDhcpv6(dhcpv6, meta.SrcMac, meta.OuterVlan, t);
        }
        else if (meta.SrcPort == AppPorts.Mdns || meta.DstPort == AppPorts.Mdns)
        {
            DnsMessageParser.Parse(payload, out var mdns);
            table.ObserveMdns(mdns, meta.SrcMac, meta.OuterVlan, t);
        }
        else if ((meta.SrcPort == 1900 || meta.DstPort == 1900) && SsdpParser.Parse(payload, out var ssdp) is var _ && ssdp is not null)
        {
            table.ObserveSsdp(ssdp, meta.SrcMac, meta.OuterVlan, t);
        }
    }
}
