using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using TrafficWatch.Decode;

namespace TrafficWatch.Attribution;

/// <summary>
/// The IEEE MAC block registry (MA-L 24-bit, MA-M 28-bit, MA-S and IAB 36-bit) loaded from
/// <c>signatures/oui/ieee-registry.tsv</c>. Lookups take the longest matching prefix and never allocate.
/// </summary>
/// <remarks>
/// File format, one block per line: <c>PREFIXHEX/BITS&lt;TAB&gt;Organization Name</c> where PREFIXHEX has
/// 6, 7 or 9 hex digits for 24, 28 or 36 bits; blank lines and lines starting with <c>#</c> are skipped.
/// The file is produced by <c>signatures/oui/refresh.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class OuiRegistry
{
    /// <summary>File name of the registry inside <c>signatures/oui/</c>.</summary>
    public const string FileName = "ieee-registry.tsv";

    // Keyed by the prefix value itself (MAC >> (48 - bits)); one map per block size so a lookup is at most
    // three hash probes, longest first.
    private readonly Dictionary<ulong, string> _blocks36;
    private readonly Dictionary<ulong, string> _blocks28;
    private readonly Dictionary<ulong, string> _blocks24;
    private readonly HashSet<string> _organizations;

    private OuiRegistry(Dictionary<ulong, string> blocks36, Dictionary<ulong, string> blocks28,
        Dictionary<ulong, string> blocks24, HashSet<string> organizations, string source)
    {
        _blocks36 = blocks36;
        _blocks28 = blocks28;
        _blocks24 = blocks24;
        _organizations = organizations;
        Source = source;
    }

    /// <summary>The first comment line of the file (source and snapshot date), without the leading <c>#</c>.</summary>
    public string Source { get; }

    /// <summary>Number of blocks loaded, all sizes.</summary>
    public int Count => _blocks36.Count + _blocks28.Count + _blocks24.Count;

    /// <summary>Number of 24-, 28- and 36-bit blocks.</summary>
    public (int Ma24, int Ma28, int Ma36) CountsBySize => (_blocks24.Count, _blocks28.Count, _blocks36.Count);

    /// <summary>Distinct organization names, exactly as in the registry file.</summary>
    public IReadOnlySet<string> Organizations => _organizations;

    /// <summary>Whether <paramref name="organization"/> owns at least one block (exact, case-sensitive match).</summary>
    public bool ContainsOrganization(string organization) => _organizations.Contains(organization);

    /// <summary>
    /// The registered owner of the longest block containing <paramref name="mac"/>. Locally administered
    /// (randomised) and multicast/broadcast addresses have no vendor and return false.
    /// </summary>
    public bool TryLookup(MacAddress mac, [NotNullWhen(true)] out string? organization)
        => TryLookup(mac, out organization, out _);

    /// <summary>As <see cref="TryLookup(MacAddress, out string?)"/>, also giving the matched block size (24, 28 or 36).</summary>
    public bool TryLookup(MacAddress mac, [NotNullWhen(true)] out string? organization, out int prefixBits)
    {
        if (mac.IsLocallyAdministered || mac.IsMulticast)
        {
            organization = null;
            prefixBits = 0;
            return false;
        }
        return TryLookupPrefix(mac.Value, out organization, out prefixBits);
    }

    /// <summary>Longest-prefix match on the raw 48-bit value, without the locally-administered/multicast filter.</summary>
    internal bool TryLookupPrefix(ulong mac48, [NotNullWhen(true)] out string? organization, out int prefixBits)
    {
        if (_blocks36.TryGetValue(mac48 >> 12, out organization))
        {
            prefixBits = 36;
            return true;
        }
        if (_blocks28.TryGetValue(mac48 >> 20, out organization))
        {
            prefixBits = 28;
            return true;
        }
        if (_blocks24.TryGetValue(mac48 >> 24, out organization))
        {
            prefixBits = 24;
            return true;
        }
        prefixBits = 0;
        return false;
    }

    /// <summary>Loads the registry file; throws <see cref="SignatureFormatException"/> naming the file and line.</summary>
    public static OuiRegistry Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SignatureFormatException(path, 0, $"cannot read the IEEE registry: {ex.Message}", ex);
        }
        return Parse(text, path);
    }

    /// <summary>Parses registry text; <paramref name="fileName"/> is used in error messages only.</summary>
    /// <remarks>Runs once per process over ~46k lines: compiled optimised straight away rather than tier-0 + OSR.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static OuiRegistry Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Roughly 34 bytes per line; the 24-bit blocks are about 70% of the registry.
        var blocks24 = new Dictionary<ulong, string>(text.Length / 48);
        var blocks28 = new Dictionary<ulong, string>();
        var blocks36 = new Dictionary<ulong, string>();
        var organizations = new HashSet<string>(StringComparer.Ordinal);
        var organizationLookup = organizations.GetAlternateLookup<ReadOnlySpan<char>>();
        string? source = null;

        var lineNumber = 0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            lineNumber++;
            var newline = rest.IndexOf('\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? [] : rest[(newline + 1)..];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }
            if (line.IsWhiteSpace())
            {
                continue;
            }
            if (line[0] == '#')
            {
                source ??= line[1..].Trim().ToString();
                continue;
            }

            var tab = line.IndexOf('\t');
            if (tab < 0)
            {
                throw Error(fileName, lineNumber, "expected 'PREFIXHEX/BITS<TAB>Organization Name'");
            }
            var block = line[..tab];
            var name = line[(tab + 1)..].Trim();
            var slash = block.IndexOf('/');
            if (slash < 0 || !int.TryParse(block[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
            {
                throw Error(fileName, lineNumber, $"block '{block}' is not PREFIXHEX/BITS");
            }
            var hex = block[..slash];
            if (bits is not (24 or 28 or 36))
            {
                throw Error(fileName, lineNumber, $"block '{block}': prefix length {bits} is not 24, 28 or 36");
            }
            if (hex.Length * 4 != bits
                || !ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var prefix))
            {
                throw Error(fileName, lineNumber, $"block '{block}': expected {bits / 4} hex digits");
            }
            if (name.IsEmpty)
            {
                throw Error(fileName, lineNumber, $"block '{block}' has no organization name");
            }

            // One string per organization: Huawei alone owns ~1000 blocks.
            if (!organizationLookup.TryGetValue(name, out var organization))
            {
                organization = name.ToString();
                organizations.Add(organization);
            }
            var map = bits switch { 24 => blocks24, 28 => blocks28, _ => blocks36 };
            if (!map.TryAdd(prefix, organization))
            {
                throw Error(fileName, lineNumber, $"block '{block}' is listed twice");
            }
        }

        if (blocks24.Count == 0)
        {
            throw Error(fileName, lineNumber, "no MA-L (24-bit) blocks found; is this the IEEE registry file?");
        }
        return new OuiRegistry(blocks36, blocks28, blocks24, organizations, source ?? string.Empty);
    }

    private static SignatureFormatException Error(string fileName, int line, string message)
        => new(fileName, line, message);
}
