using System.Diagnostics.CodeAnalysis;
using TrafficWatch.Attribution;
using TrafficWatch.Decode;

namespace TrafficWatch.Detection.Suppression;

/// <summary>
/// The accepted findings from <c>signatures/suppressions.yaml</c>. Immutable and thread-safe; checked when an alert is
/// about to be raised (a short linear scan: lists are small), on packet time so replays suppress exactly like live runs.
/// </summary>
public sealed class SuppressionList
{
    /// <summary>File name inside the signatures directory.</summary>
    public const string FileName = "suppressions.yaml";

    private readonly SuppressionEntry[] _entries;

    internal SuppressionList(IEnumerable<SuppressionEntry> entries, IReadOnlyList<SignatureProblem> warnings)
    {
        _entries = [.. entries];
        Warnings = warnings;
    }

    /// <summary>No suppressions.</summary>
    public static SuppressionList Empty { get; } = new([], []);

    public IReadOnlyList<SuppressionEntry> Entries => _entries;

    /// <summary>Non-fatal findings from loading (e.g. entries already expired when checked).</summary>
    public IReadOnlyList<SignatureProblem> Warnings { get; }

    /// <summary>True when an unexpired entry covers this finding.</summary>
    /// <param name="rule">Detector name, e.g. <c>vendor-cloud</c>.</param>
    /// <param name="device">The device's MAC.</param>
    /// <param name="address">Destination address (IPv4-mapped), or null for device-only findings.</param>
    /// <param name="name">Destination name (DNS/SNI/HTTP), or null.</param>
    /// <param name="time">Packet time of the finding.</param>
    public bool IsSuppressed(string rule, MacAddress device, UInt128? address, string? name, PacketTime time)
        => TryMatch(rule, device, address, name, time, out _);

    /// <summary>As <see cref="IsSuppressed"/>, giving the first entry that matched (for counting and reports).</summary>
    public bool TryMatch(string rule, MacAddress device, UInt128? address, string? name, PacketTime time,
        [NotNullWhen(true)] out SuppressionEntry? entry)
    {
        foreach (var candidate in _entries)
        {
            if (candidate.Matches(rule, device, address, name, time))
            {
                entry = candidate;
                return true;
            }
        }
        entry = null;
        return false;
    }

    /// <summary>Entries that no longer apply at <paramref name="time"/>.</summary>
    public IEnumerable<SuppressionEntry> ExpiredAt(PacketTime time) => _entries.Where(e => e.IsExpired(time));

    /// <summary>Loads <paramref name="path"/>; a missing file is an empty list. The first error throws.</summary>
    /// <exception cref="SignatureFormatException">The file is unreadable or has an error (message starts <c>file:line:</c>).</exception>
    public static SuppressionList Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }
        var problems = new List<SignatureProblem>();
        var list = SuppressionLoader.LoadFile(path, problems, today: null);
        if (problems.FirstOrDefault(static p => p.Severity == ProblemSeverity.Error) is { } error)
        {
            throw new SignatureFormatException(error.File, error.Line, error.Message);
        }
        return list;
    }
}
