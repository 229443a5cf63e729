using System.Net;
using TrafficWatch.Decode;

namespace TrafficWatch.Simulation;

/// <summary>Ground truth for one policy violation the simulator wrote into the capture.</summary>
/// <param name="Rule">Rule name, equal to the scenario name that injects it (e.g. <c>vendor-cloud</c>).</param>
/// <param name="DeviceMac">MAC of the offending device.</param>
/// <param name="DeviceAddress">IPv4 address of the offending device.</param>
/// <param name="DeviceName">Name of the offending device.</param>
/// <param name="Destination">External address involved, or the resolver for <c>dns-tunnel</c>, or null for <c>rogue-device</c>.</param>
/// <param name="DestinationPort">Destination port (53 for <c>dns-tunnel</c>, 67 for <c>rogue-device</c>).</param>
/// <param name="ServerName">DNS name / SNI involved, if any (the tunnelling base domain for <c>dns-tunnel</c>).</param>
/// <param name="FirstSeen">Packet time of the first packet of the violating traffic.</param>
/// <param name="Description">One line for humans.</param>
public sealed record InjectedViolation(
    string Rule,
    MacAddress DeviceMac,
    IPAddress DeviceAddress,
    string DeviceName,
    IPAddress? Destination,
    ushort DestinationPort,
    string? ServerName,
    DateTimeOffset FirstSeen,
    string Description);
