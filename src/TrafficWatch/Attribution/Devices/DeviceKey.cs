using TrafficWatch.Decode;

namespace TrafficWatch.Attribution.Devices;

/// <summary>Identity of a device: its MAC on one (outer) VLAN. A struct key, so lookups do not allocate.</summary>
public readonly struct DeviceKey(MacAddress mac, ushort vlan) : IEquatable<DeviceKey>
{
    public MacAddress Mac { get; } = mac;

    public ushort Vlan { get; } = vlan;

    public bool Equals(DeviceKey other) => Mac.Value == other.Mac.Value && Vlan == other.Vlan;

    public override bool Equals(object? obj) => obj is DeviceKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Mac.Value, Vlan);

    public static bool operator ==(DeviceKey left, DeviceKey right) => left.Equals(right);

    public static bool operator !=(DeviceKey left, DeviceKey right) => !left.Equals(right);

    public override string ToString() => $"{Mac}@{Vlan}";
}
