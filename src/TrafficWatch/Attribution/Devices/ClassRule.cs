using System.Text.RegularExpressions;

namespace TrafficWatch.Attribution.Devices;

/// <summary>One rule of <c>classes.yaml</c>: an observation that points to a class with a weight.</summary>
public sealed class ClassRule
{
    /// <summary>The section the rule is in: <c>services</c>, <c>dhcp-vendor-class</c>, <c>names</c>, <c>mdns</c>, <c>ssdp</c> or <c>user-agent</c>.</summary>
    public required string Section { get; init; }

    /// <summary>What the rule looks for: the service name, the pattern, or the mDNS service type.</summary>
    public required string Text { get; init; }

    public required DeviceClass Class { get; init; }

    /// <summary>0 (exclusive) to 1.</summary>
    public required double Weight { get; init; }

    /// <summary>Where the rule is, e.g. <c>classes.yaml:57</c>.</summary>
    public required string Reference { get; init; }

    /// <summary>The compiled pattern (case-insensitive, non-backtracking) of pattern sections; null otherwise.</summary>
    internal Regex? Pattern { get; init; }

    /// <summary>The ports of a <c>services</c> rule; empty otherwise.</summary>
    public IReadOnlyList<(byte Protocol, ushort Port)> Ports { get; init; } = [];

    public bool IsMatch(string value) => Pattern?.IsMatch(value) ?? string.Equals(value, Text, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Section} '{Text}' -> {Class.ToName()} {Weight} ({Reference})";
}
