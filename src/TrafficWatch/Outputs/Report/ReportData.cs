using TrafficWatch.Detection;

namespace TrafficWatch.Outputs.Report;

/// <summary>
/// Everything an incident report shows, as plain data: filled by the pipeline at the end of a replay and written by
/// <see cref="ReportWriter"/> as HTML, JSON or Markdown. Lists are written in the order given (the filler keeps them
/// deterministic), so the same data always gives byte-identical files. Strings that came off the wire (names,
/// evidence) are hostile; the writers escape them.
/// </summary>
public sealed record ReportData
{
    /// <summary>The engine's informational version (what <see cref="ToolVersion"/> is normally set to).</summary>
    public static string EngineVersion { get; } =
        typeof(ReportData).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";

    /// <summary>The <c>trafficwatch</c> version that made the report (informational version).</summary>
    public required string ToolVersion { get; init; }

    /// <summary>The capture files (or directories) replayed, as given on the command line.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>The EVE file the replay wrote, used in the evidence commands (<c>extract --alert ID --eve PATH</c>); null when none.</summary>
    public string? EvePath { get; init; }

    /// <summary>Packet time of the first and last packet processed; null when there were none.</summary>
    public PacketTime? FirstPacket { get; init; }

    public PacketTime? LastPacket { get; init; }

    public long Packets { get; init; }

    /// <summary>Sum of wire lengths.</summary>
    public long Bytes { get; init; }

    /// <summary>Frames with a decode anomaly.</summary>
    public long DecodeErrors { get; init; }

    public long Flows { get; init; }

    /// <summary>GeoIP databases used; empty when none was loaded (the report says "none").</summary>
    public IReadOnlyList<ReportGeoDatabase> GeoIpDatabases { get; init; } = [];

    /// <summary>Signatures version or content hash (e.g. <c>2025.06 (sha256 1a2b3c…)</c>); null when unknown.</summary>
    public string? SignaturesVersion { get; init; }

    public IReadOnlyList<ReportDevice> Devices { get; init; } = [];

    /// <summary>Every alert raised, in the order raised.</summary>
    public IReadOnlyList<Alert> Alerts { get; init; } = [];

    public ReportSeries Series { get; init; } = new();
}
