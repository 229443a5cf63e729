using TrafficWatch.Decode;
using TrafficWatch.Detection;
using TrafficWatch.Flows;

namespace TrafficWatch.Tests.Detection.Detectors;

/// <summary>Builders of detector input (what the pipeline hands the detectors after attribution and enrichment).</summary>
internal static class Facts
{
    /// <summary>2026-06-01T08:00:00Z.</summary>
    public static readonly PacketTime T0 = PacketTime.FromSeconds(1_780_300_800);

    public static PacketTime At(double seconds) => T0.AddSeconds(seconds);

    public static AlertDevice Camera(int n = 1, string? name = "lobby-cam", bool registered = true) => new()
    {
        Mac = new MacAddress(0x4419_B600_0000UL + (ulong)n),
        Address = IpAddr.FromIPv4(0x0A14_0000u + (uint)n),
        Name = name,
        Vendor = "hikvision",
        Class = "camera",
        Zone = "cctv",
        Registered = registered,
    };

    public static AlertDevice Office(int n = 1) => new()
    {
        Mac = new MacAddress(0x0050_5600_0000UL + (ulong)n),
        Address = IpAddr.FromIPv4(0x0A1E_0000u + (uint)n),
        Name = $"pc-{n}",
        Class = "office",
        Zone = "office",
    };

    public static AlertDestination External(string ip = "203.0.113.7", ushort port = 443, byte protocol = 6, string? name = null,
        NameSource source = NameSource.None) => new()
    {
        Address = IpAddr.Parse(ip),
        Port = port,
        Protocol = protocol,
        Name = name,
        NameSource = name is null ? NameSource.None : source == NameSource.None ? NameSource.Dns : source,
        Country = "CN",
        Asn = 4134,
        AsnOrganization = "Chinanet",
    };

    public static AlertDestination InternalHost(string ip = "10.20.0.250", ushort port = 554) => new()
    {
        Address = IpAddr.Parse(ip),
        Port = port,
        Protocol = 6,
    };

    public static FlowFacts Flow(FlowFactsKind kind, long flowId, PacketTime time, AlertDevice device, AlertDestination destination,
        long deltaOut = 0, long deltaIn = 0, bool restricted = true, bool external = true, bool initiator = true,
        FlowApp? app = null, PacketTime? start = null, long? bytesOut = null, long? bytesIn = null, string? vendorCloud = null) => new()
    {
        Kind = kind,
        FlowId = flowId,
        Time = time,
        FlowStart = start ?? time,
        Device = device,
        DeviceRestricted = restricted,
        DeviceIsInitiator = initiator,
        Destination = destination,
        DestinationIsExternal = external,
        VendorCloud = vendorCloud,
        DeltaBytesOut = deltaOut,
        DeltaBytesIn = deltaIn,
        DeltaPacketsOut = deltaOut > 0 ? 1 + deltaOut / 1_400 : 0,
        DeltaPacketsIn = deltaIn > 0 ? 1 + deltaIn / 1_400 : 0,
        BytesOut = bytesOut ?? deltaOut,
        BytesIn = bytesIn ?? deltaIn,
        App = app,
    };

    /// <summary>A whole flow (start, one update, end) delivered to <paramref name="detector"/>.</summary>
    public static void Connection(IDetector detector, IAlertSink sink, long flowId, PacketTime start, double seconds, AlertDevice device,
        AlertDestination destination, long bytesOut, long bytesIn, bool restricted = true, bool external = true, FlowApp? app = null,
        string? vendorCloud = null)
    {
        detector.OnFlow(Flow(FlowFactsKind.Start, flowId, start, device, destination, Math.Min(bytesOut, 74), 0, restricted, external,
            vendorCloud: vendorCloud), sink);
        var end = start.AddSeconds(seconds);
        detector.OnFlow(Flow(FlowFactsKind.End, flowId, end, device, destination, bytesOut - Math.Min(bytesOut, 74), bytesIn, restricted,
            external, app: app, start: start, bytesOut: bytesOut, bytesIn: bytesIn, vendorCloud: vendorCloud), sink);
    }
}
