using TrafficWatch.Attribution;

namespace TrafficWatch.Tests.Attribution;

/// <summary>The signatures folder shipped with the build, loaded once for all tests.</summary>
internal static class ShippedSignatures
{
    private static readonly Lazy<OuiRegistry> s_registry = new(() => OuiRegistry.Load(SignaturePaths.OuiRegistryFile(Directory)));

    public static string Directory => SignaturePaths.FindDefault();

    public static OuiRegistry Registry => s_registry.Value;
}
