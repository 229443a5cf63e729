using TrafficWatch.Attribution.Devices;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Decode.App.Http;
using TrafficWatch.Enrichment;
using TrafficWatch.Flows;

namespace TrafficWatch.Pipeline;

/// <summary>
/// Feeds the device inventory from the flow thread: every new flow (addresses, services, routers) and every
/// application message that says who a device is (ARP, NDP, DHCP, DHCPv6, mDNS, SSDP, HTTP User-Agent).
/// </summary>
public sealed class DeviceObserver(DeviceTable devices, AddressScope scope) : IFlowStartObserver, IAppMessageObserver
{
    public DeviceTable Devices => devices;

    public void OnFlowStart(FlowTable table, int slot, in PacketMeta meta)
    {
        if ((meta.SrcMac.Value == 0 && meta.DstMac.Value == 0) || meta.TunnelDepth > 0)
        {
            return;                                             // raw IP, or tunnelled: the MACs are the tunnel's, not the hosts'
        }
        var toServer = table.IsToServer(slot, in meta);
        var vlan = meta.OuterVlan;
        // Initiator first: the device table learns the client's address and the service the responder offers.
        var (srcMac, dstMac, srcIp, dstIp, dstPort) = toServer
            ? (meta.SrcMac, meta.DstMac, meta.SrcAddr, meta.DstAddr, meta.DstPort)
            : (meta.DstMac, meta.SrcMac, meta.DstAddr, meta.SrcAddr, meta.SrcPort);
        devices.ObserveFlowStart(srcMac, dstMac, vlan, srcIp, dstIp, meta.Protocol, FlowKey.IsIcmp(meta.Protocol) ? (ushort)0 : dstPort,
            scope.IsInternal(srcIp), scope.IsInternal(dstIp), meta.Timestamp);
        if (!toServer && meta.Protocol == 6)
        {
            // The first packet seen is the responder's SYN-ACK: the service is confirmed.
            devices.ObserveServiceAnswered(meta.SrcMac, vlan, meta.Protocol, meta.SrcPort, meta.Timestamp);
        }
    }

    public void OnAppMessage(FlowTable flows, int slot, in PacketMeta meta, IAppMessage message)
    {
        if (meta.TunnelDepth > 0)
        {
            return;
        }
        var vlan = meta.OuterVlan;
        var t = meta.Timestamp;
        switch (message)
        {
            case ArpMessage arp when arp.ClaimsAddress:
                devices.ObserveArp(arp.SenderMac, vlan, arp.SenderAddress, t);
                break;
            case NdpMessage ndp:
                var mac = ndp.LinkLayerAddress ?? meta.SrcMac;
                var address = ndp.Type == NdpMessage.NeighborAdvertisement ? ndp.TargetAddress : ndp.SourceAddress;
                if (address != UInt128.Zero)
                {
                    devices.ObserveNdp(mac, vlan, address, ndp.Type == NdpMessage.RouterAdvertisement, t);
                }
                break;
            case DhcpMessage dhcp:
                devices.ObserveDhcp(dhcp, meta.SrcMac, vlan, t);
                break;
            case Dhcpv6Message dhcp6:
                devices.ObserveDhcpv6(dhcp6, meta.SrcMac, vlan, t);
                break;
            case DnsMessage mdns when meta.SrcPort == AppPorts.Mdns && mdns.IsResponse:
                devices.ObserveMdns(mdns, meta.SrcMac, vlan, t);
                break;
            case SsdpMessage ssdp:
                devices.ObserveSsdp(ssdp, meta.SrcMac, vlan, t);
                break;
            case HttpRequest http:
                devices.ObserveHttpRequest(http, meta.SrcMac, vlan, t);
                break;
        }
    }
}
