using System.Net;
using TrafficWatch.Decode;

namespace TrafficWatch.Simulation;

/// <summary>A host on the simulated council network. <paramref name="Vlan"/> is 0 for the untagged office LAN.</summary>
/// <param name="Mac">Hardware address; its OUI is the vendor's real IEEE assignment.</param>
/// <param name="Address">IPv4 address (leased by DHCP for endpoint devices, static for infrastructure).</param>
/// <param name="Vendor">Manufacturer as the IEEE registry names it, shortened.</param>
/// <param name="Name">Host name, also sent in DHCP option 12 by devices that use DHCP.</param>
/// <param name="Vlan">802.1Q VLAN id, 0 when untagged.</param>
/// <param name="Role">What the device is.</param>
/// <param name="Model">Model string as the device would announce it (DHCP vendor class or hostname pattern).</param>
public sealed record SimulatedDevice(MacAddress Mac, IPAddress Address, string Vendor, string Name, ushort Vlan, DeviceRole Role, string Model);
