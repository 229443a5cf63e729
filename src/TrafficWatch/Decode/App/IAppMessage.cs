namespace TrafficWatch.Decode.App;

/// <summary>
/// An application-layer message parsed from one packet on the slow path (DNS, DHCP, TLS ClientHello, HTTP request,
/// SSDP, ARP, NDP). Carried beside the packet's <see cref="PacketMeta"/> to the flow thread, in packet order.
/// </summary>
public interface IAppMessage;
