using TrafficWatch.Decode;

namespace TrafficWatch.Attribution.Devices;

/// <summary>One address of a device, with how it was first learnt and when it was first and last seen.</summary>
public readonly record struct DeviceAddress(UInt128 Address, AddressSource Source, PacketTime FirstSeen, PacketTime LastSeen)
{
    public bool IsIPv4 => IpAddr.IsIPv4(Address);

    public override string ToString() => IpAddr.ToString(Address);
}
