using System.Diagnostics.CodeAnalysis;

namespace TrafficWatch.Attribution;

/// <summary>
/// Vendor identity data from <c>signatures/vendors.yaml</c>: IEEE organization name to vendor, and cloud/P2P
/// domain suffix to vendor. Immutable and thread-safe once loaded; the lookups do not allocate.
/// </summary>
public sealed class VendorSignatures
{
    /// <summary>File name inside the signatures directory.</summary>
    public const string FileName = "vendors.yaml";

    private readonly Dictionary<string, VendorEntry> _byId;
    private readonly Dictionary<string, VendorEntry> _byOrganization;
    private readonly Dictionary<string, VendorEntry> _byDomain;
    private readonly Dictionary<string, VendorEntry>.AlternateLookup<ReadOnlySpan<char>> _byDomainSpan;

    internal VendorSignatures(IReadOnlyList<VendorEntry> vendors, IReadOnlyList<SignatureProblem> warnings)
    {
        Vendors = vendors;
        Warnings = warnings;
        _byId = new Dictionary<string, VendorEntry>(StringComparer.Ordinal);
        _byOrganization = new Dictionary<string, VendorEntry>(StringComparer.Ordinal);
        _byDomain = new Dictionary<string, VendorEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var vendor in vendors)
        {
            // The loader has already rejected duplicates, so first-wins here is only a safety net.
            _byId.TryAdd(vendor.Id, vendor);
            foreach (var organization in vendor.IeeeOrganizations)
            {
                _byOrganization.TryAdd(organization, vendor);
            }
            foreach (var domain in vendor.Domains)
            {
                _byDomain.TryAdd(domain, vendor);
            }
        }
        _byDomainSpan = _byDomain.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>All vendors, in file order.</summary>
    public IReadOnlyList<VendorEntry> Vendors { get; }

    /// <summary>Non-fatal findings from loading (e.g. IEEE names not in the registry).</summary>
    public IReadOnlyList<SignatureProblem> Warnings { get; }

    /// <summary>IEEE organization name (exact) to vendor.</summary>
    public IReadOnlyDictionary<string, VendorEntry> ByOrganization => _byOrganization;

    /// <summary>Domain suffix (lower case) to vendor.</summary>
    public IReadOnlyDictionary<string, VendorEntry> ByDomainSuffix => _byDomain;

    public bool TryGetById(string id, [NotNullWhen(true)] out VendorEntry? vendor) => _byId.TryGetValue(id, out vendor);

    /// <summary>The vendor owning IEEE organization <paramref name="organization"/> (as returned by <see cref="OuiRegistry"/>).</summary>
    public bool TryGetByOrganization(string organization, [NotNullWhen(true)] out VendorEntry? vendor)
        => _byOrganization.TryGetValue(organization, out vendor);

    /// <summary>
    /// The vendor whose domain list contains <paramref name="hostName"/> or one of its parent domains
    /// (case-insensitive; a trailing root dot is ignored). The most specific listed suffix wins.
    /// </summary>
    public bool TryMatchDomain(ReadOnlySpan<char> hostName, [NotNullWhen(true)] out VendorEntry? vendor)
    {
        if (!hostName.IsEmpty && hostName[^1] == '.')
        {
            hostName = hostName[..^1];
        }
        while (!hostName.IsEmpty)
        {
            if (_byDomainSpan.TryGetValue(hostName, out vendor))
            {
                return true;
            }
            var dot = hostName.IndexOf('.');
            if (dot < 0)
            {
                break;
            }
            hostName = hostName[(dot + 1)..];
        }
        vendor = null;
        return false;
    }

    /// <summary>
    /// Loads and validates <paramref name="path"/>. Errors throw <see cref="SignatureFormatException"/> (every error
    /// listed, one per line, the first one's line in <see cref="SignatureFormatException.Line"/>); warnings end up in
    /// <see cref="Warnings"/>. Pass <paramref name="registry"/> to check the IEEE names against it.
    /// </summary>
    public static VendorSignatures Load(string path, OuiRegistry? registry = null)
    {
        var problems = new List<SignatureProblem>();
        var signatures = VendorSignaturesLoader.LoadFile(path, registry, problems);
        ThrowOnErrors(path, problems);
        return signatures;
    }

    /// <summary>As <see cref="Load"/>, from text; <paramref name="fileName"/> is used in messages.</summary>
    public static VendorSignatures Parse(string yaml, string fileName, OuiRegistry? registry = null)
    {
        var problems = new List<SignatureProblem>();
        using var reader = new StringReader(yaml);
        var signatures = VendorSignaturesLoader.Read(reader, fileName, registry, problems);
        ThrowOnErrors(fileName, problems);
        return signatures;
    }

    private static void ThrowOnErrors(string fileName, List<SignatureProblem> problems)
    {
        var errors = problems.Where(static p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            return;
        }
        var first = errors[0];
        var message = errors.Count == 1
            ? first.Message
            : first.Message + Environment.NewLine + string.Join(Environment.NewLine, errors.Skip(1));
        throw new SignatureFormatException(fileName, first.Line, message);
    }
}
