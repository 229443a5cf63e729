namespace TrafficWatch.Simulation;

/// <summary>Settings of one <see cref="CityNetworkSimulator"/> run. The same options always give a byte-identical file.</summary>
public sealed class SimulationOptions
{
    /// <summary>Scenario name, one of <see cref="SimulationScenarios.All"/>. Defaults to <c>default</c> (normal day plus every violation).</summary>
    public string Scenario { get; set; } = SimulationScenarios.Default;

    /// <summary>Number of endpoint devices (cameras, IoT sensors, office PCs); infrastructure comes on top. At least 10. Defaults to 40.</summary>
    public int Devices { get; set; } = 40;

    /// <summary>Length of the capture in packet time. Defaults to 10 minutes.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Seed of the single <see cref="Random"/> that drives every choice. Defaults to 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Packet time of the start of the capture. Defaults to 2025-06-02T08:00:00Z (a Monday morning).</summary>
    public DateTimeOffset StartTime { get; set; } = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Where the classic pcap (LINKTYPE_ETHERNET, microsecond timestamps) is written; overwritten if present.</summary>
    public string OutputPath { get; set; } = "city.pcap";

    /// <summary>Average bit rate of each camera's RTSP stream to the NVR (a recording sub-stream). Defaults to 256 kbit/s.</summary>
    public int CameraBitrateKbps { get; set; } = 256;

    /// <summary>
    /// Whether office PCs browse the few external sites of <see cref="SimulatedDestinations.OfficeWeb"/> (default true).
    /// When false they only use the intranet, and the only external traffic of a normal day is the resolver's and the
    /// NTP server's upstream.
    /// </summary>
    public bool OfficeInternet { get; set; } = true;

    /// <summary>Which pcap writer to use. <see cref="PcapWriterKind.Managed"/> (the default) is several times faster.</summary>
    public PcapWriterKind Writer { get; set; } = PcapWriterKind.Managed;

    internal void Validate()
    {
        if (!SimulationScenarios.IsKnown(Scenario))
        {
            throw new ArgumentException($"Unknown scenario '{Scenario}'; expected one of: {string.Join(", ", SimulationScenarios.All)}", nameof(Scenario));
        }
        if (Devices is < 10 or > 20_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Devices), Devices, "Devices must be between 10 and 20000");
        }
        if (Duration < TimeSpan.FromSeconds(30) || Duration > TimeSpan.FromDays(7))
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "Duration must be between 30 seconds and 7 days");
        }
        if (CameraBitrateKbps is < 16 or > 50_000)
        {
            throw new ArgumentOutOfRangeException(nameof(CameraBitrateKbps), CameraBitrateKbps, "CameraBitrateKbps must be between 16 and 50000");
        }
        if (string.IsNullOrWhiteSpace(OutputPath))
        {
            throw new ArgumentException("OutputPath is required", nameof(OutputPath));
        }
    }
}
