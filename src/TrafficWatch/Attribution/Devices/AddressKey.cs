namespace TrafficWatch.Attribution.Devices;

/// <summary>Key of the address index: an IP address (IPv4-mapped for IPv4) on one VLAN.</summary>
internal readonly struct AddressKey(UInt128 address, ushort vlan) : IEquatable<AddressKey>
{
    public UInt128 Address { get; } = address;

    public ushort Vlan { get; } = vlan;

    public bool Equals(AddressKey other) => Address == other.Address && Vlan == other.Vlan;

    public override bool Equals(object? obj) => obj is AddressKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Address, Vlan);
}
