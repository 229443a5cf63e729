using TrafficWatch.Attribution;
using TrafficWatch.Decode;

namespace TrafficWatch.Cli.Commands;

/// <summary>Vendor names for metrics: the IEEE registry shipped in signatures/ (found beside the program).</summary>
internal static class VendorLookup
{
    public static Func<MacAddress, string?> Load(TextWriter error)
    {
        if (!SignaturePaths.TryFindDefault(out var directory))
        {
            error.WriteLine("trafficwatch: warning: signatures folder not found beside the program; vendors are left empty");
            return static _ => null;
        }
        OuiRegistry registry;
        try
        {
            registry = OuiRegistry.Load(SignaturePaths.OuiRegistryFile(directory));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
        {
            error.WriteLine($"trafficwatch: warning: {ex.Message}; vendors are left empty");
            return static _ => null;
        }
        return mac => registry.TryLookup(mac, out var organization) ? organization : null;
    }
}
