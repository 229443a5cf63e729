namespace TrafficWatch.Attribution.Devices;

/// <summary>A name a device gave itself. <see cref="Value"/> is kept exactly as decoded from the wire: escape it for display.</summary>
/// <param name="Kind">Where it came from; see <see cref="DeviceNameKinds"/>.</param>
/// <param name="Value">The name, faithfully (may hold markup, control characters, CR/LF).</param>
public sealed record DeviceName(string Kind, string Value);
