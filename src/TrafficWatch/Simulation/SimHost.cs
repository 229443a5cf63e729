using System.Net;
using TrafficWatch.Decode;

namespace TrafficWatch.Simulation;

/// <summary>Per-host state of the simulation: identity, TTL, round-trip time, IP id counter and ephemeral ports.</summary>
internal sealed class SimHost
{
    private ushort _nextPort;

    public SimHost(SimulatedDevice info, byte ttl, ushort firstEphemeralPort)
    {
        Info = info;
        Address = BinaryPrimitivesHelper.ToUInt32(info.Address);
        Ttl = ttl;
        _nextPort = firstEphemeralPort;
        IsExternal = false;
    }

    /// <summary>An external host: no MAC of its own (frames carry the router's) and never listed in the result's devices.</summary>
    public SimHost(SimulatedDestination destination, byte ttl, long rttMicros)
    {
        Info = new SimulatedDevice(default, destination.Address, destination.Organisation, destination.Name, 0, DeviceRole.Router, "");
        Address = BinaryPrimitivesHelper.ToUInt32(destination.Address);
        Ttl = ttl;
        RttMicros = rttMicros;
        _nextPort = 40000;
        IsExternal = true;
    }

    public SimulatedDevice Info { get; }

    public uint Address { get; }

    /// <summary>The device family, or null for external hosts.</summary>
    public DeviceVendor? Vendor { get; init; }

    public IPAddress IPAddress => Info.Address;

    public MacAddress Mac => Info.Mac;

    public ushort Vlan => Info.Vlan;

    public byte Ttl { get; }

    public bool IsExternal { get; }

    /// <summary>Round-trip time to this host from the capture point, in microseconds.</summary>
    public long RttMicros { get; init; } = 400;

    /// <summary>The IPv4 identification field of the next datagram this host sends.</summary>
    public ushort NextIpId() => IpId++;

    public ushort IpId { get; private set; }

    public ushort NextEphemeralPort()
    {
        var port = _nextPort;
        _nextPort = _nextPort >= 60999 ? (ushort)32768 : (ushort)(_nextPort + 1);
        return port;
    }

    public static byte[] MacBytes(MacAddress mac)
    {
        var bytes = new byte[6];
        mac.WriteTo(bytes);
        return bytes;
    }
}
