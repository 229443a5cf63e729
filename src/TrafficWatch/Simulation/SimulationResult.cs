namespace TrafficWatch.Simulation;

/// <summary>What a run wrote: counters plus the ground truth (devices, violations, destinations) to compare detections with.</summary>
public sealed class SimulationResult
{
    public required string OutputPath { get; init; }
    public required string Scenario { get; init; }
    public required int Seed { get; init; }
    public required DateTimeOffset StartTime { get; init; }
    public required DateTimeOffset EndTime { get; init; }

    /// <summary>Packets written.</summary>
    public required long Packets { get; init; }

    /// <summary>Frame bytes written (captured length; excludes pcap record headers).</summary>
    public required long Bytes { get; init; }

    /// <summary>Size of the pcap file.</summary>
    public required long FileBytes { get; init; }

    /// <summary>Distinct flows written: TCP connections plus UDP 5-tuples (direction-independent, per VLAN).</summary>
    public required long Flows { get; init; }

    /// <summary>Every host that appears on the captured segments, endpoint devices first, then infrastructure.</summary>
    public required IReadOnlyList<SimulatedDevice> Devices { get; init; }

    /// <summary>Violations injected, in order of <see cref="InjectedViolation.FirstSeen"/>.</summary>
    public required IReadOnlyList<InjectedViolation> Violations { get; init; }

    /// <summary>The external destinations the simulator knows (for building a test GeoIP database).</summary>
    public IReadOnlyList<SimulatedDestination> Destinations => SimulatedDestinations.All;

    /// <summary>Wall-clock time the run took (not part of the deterministic output).</summary>
    public required TimeSpan Elapsed { get; init; }
}
