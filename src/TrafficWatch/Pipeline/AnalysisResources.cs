using TrafficWatch.Attribution;
using TrafficWatch.Attribution.Assets;
using TrafficWatch.Attribution.Devices;
using TrafficWatch.Attribution.Zones;
using TrafficWatch.Detection.Policy;
using TrafficWatch.Detection.Suppression;
using TrafficWatch.Enrichment;

namespace TrafficWatch.Pipeline;

/// <summary>
/// The read-only data a run needs, loaded once before the pipeline starts: IEEE registry, vendor and class signatures,
/// policy and suppressions, the asset register, zones and the GeoIP databases. Problems that make the run meaningless
/// (a policy or asset file that does not parse) throw <see cref="AnalysisResourceException"/> with one line; missing
/// optional data (no GeoIP database, no signatures folder) only adds a warning.
/// </summary>
public sealed class AnalysisResources : IDisposable
{
    private AnalysisResources(string? signaturesDirectory, OuiRegistry? registry, VendorSignatures? vendors, ClassRules classRules,
        PolicySet policy, SuppressionList suppressions, AssetRegister? assets, ZoneMap zones, AddressScope scope,
        GeoIpDatabases geo, IReadOnlyList<string> warnings)
    {
        SignaturesDirectory = signaturesDirectory;
        Registry = registry;
        Vendors = vendors;
        ClassRules = classRules;
        Policy = policy;
        Suppressions = suppressions;
        Assets = assets;
        Zones = zones;
        Scope = scope;
        Geo = geo;
        Warnings = warnings;
    }

    public string? SignaturesDirectory { get; }
    public OuiRegistry? Registry { get; }
    public VendorSignatures? Vendors { get; }
    public ClassRules ClassRules { get; }
    public PolicySet Policy { get; }
    public SuppressionList Suppressions { get; }
    public AssetRegister? Assets { get; }
    public ZoneMap Zones { get; }
    public AddressScope Scope { get; }
    public GeoIpDatabases Geo { get; }
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>A new device table over these resources.</summary>
    public DeviceTable CreateDeviceTable(DeviceTableOptions options)
        => new(options, Registry, Vendors, new DeviceClassifier(ClassRules), Zones, Assets);

    public static AnalysisResources Load(AnalysisOptions options)
    {
        var warnings = new List<string>();
        var directory = options.SignaturesDirectory;
        if (directory is null && SignaturePaths.TryFindDefault(out var found))
        {
            directory = found;
        }
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new AnalysisResourceException($"signatures folder {directory}: not found");
        }

        OuiRegistry? registry = null;
        VendorSignatures? vendors = null;
        var classRules = ClassRules.Empty;
        var policy = PolicySet.WatchOnly;
        var suppressions = SuppressionList.Empty;
        if (directory is null)
        {
            warnings.Add("signatures folder not found beside the program: no vendors, classes or policy (everything is watched, nothing restricted)");
        }
        else
        {
            registry = Guard(SignaturePaths.OuiRegistryFile(directory), OuiRegistry.Load);
            vendors = Guard(SignaturePaths.VendorsFile(directory), p => VendorSignatures.Load(p, registry));
            var classesFile = Path.Combine(directory, ClassRules.FileName);
            if (File.Exists(classesFile))
            {
                classRules = Guard(classesFile, ClassRules.Load);
            }
            var policyFile = Path.Combine(directory, PolicySet.FileName);
            if (File.Exists(policyFile))
            {
                policy = Guard(policyFile, PolicySet.Load);
            }
            else
            {
                warnings.Add($"{policyFile}: not found; no device is restricted");
            }
            suppressions = Guard(Path.Combine(directory, SuppressionList.FileName), SuppressionList.Load);
        }

        AssetRegister? assets = null;
        if (!string.IsNullOrWhiteSpace(options.AssetRegisterFile))
        {
            try
            {
                assets = AssetRegister.Load(options.AssetRegisterFile);
            }
            catch (AssetRegisterException ex)
            {
                throw new AnalysisResourceException(ex.Message, ex);
            }
        }

        var zoneProblems = options.Zones.Validate();
        if (zoneProblems.Count > 0)
        {
            throw new AnalysisResourceException("Zones: " + zoneProblems[0]);
        }
        var zones = new ZoneMap(options.Zones);
        AddressScope scope;
        try
        {
            scope = policy.CreateAddressScope(options.InternalRanges);
        }
        catch (FormatException ex)
        {
            throw new AnalysisResourceException("InternalRanges: " + ex.Message, ex);
        }
        var geo = options.Enrichment.OpenDatabases(warnings.Add);
        return new AnalysisResources(directory, registry, vendors, classRules, policy, suppressions, assets, zones, scope, geo, warnings);
    }

    private static T Guard<T>(string path, Func<string, T> load)
    {
        try
        {
            return load(path);
        }
        catch (SignatureFormatException ex)
        {
            throw new AnalysisResourceException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
        {
            throw new AnalysisResourceException($"{path}: {ex.Message}", ex);
        }
    }

    public void Dispose() => Geo.Dispose();
}
