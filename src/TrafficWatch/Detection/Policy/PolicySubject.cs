using TrafficWatch.Attribution;
using TrafficWatch.Decode;

namespace TrafficWatch.Detection.Policy;

/// <summary>The device a flow belongs to (its internal initiator), as attribution knows it.</summary>
/// <param name="Mac">The device's MAC address.</param>
/// <param name="Zone">Zone name from attribution (matched case-insensitively), or null.</param>
/// <param name="Class">Device class.</param>
/// <param name="Vendor">Vendor id from vendors.yaml (e.g. <c>hikvision</c>), or null.</param>
public readonly record struct PolicySubject(MacAddress Mac, string? Zone, DeviceClass Class, string? Vendor);
