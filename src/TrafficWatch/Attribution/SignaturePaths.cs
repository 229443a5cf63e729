using System.Diagnostics.CodeAnalysis;

namespace TrafficWatch.Attribution;

/// <summary>Where the signature files live. <c>--signatures DIR</c> overrides <see cref="FindDefault"/>.</summary>
public static class SignaturePaths
{
    /// <summary>Name of the signatures directory, beside the program or at the repository root.</summary>
    public const string DirectoryName = "signatures";

    /// <summary>The IEEE registry file inside <paramref name="signaturesDirectory"/>.</summary>
    public static string OuiRegistryFile(string signaturesDirectory)
        => Path.Combine(signaturesDirectory, "oui", OuiRegistry.FileName);

    /// <summary>The vendor file inside <paramref name="signaturesDirectory"/>.</summary>
    public static string VendorsFile(string signaturesDirectory)
        => Path.Combine(signaturesDirectory, VendorSignatures.FileName);

    /// <summary>
    /// <c>AppContext.BaseDirectory/signatures</c> when it exists (the CLI copies it there), else the first
    /// <c>signatures/</c> holding <c>vendors.yaml</c> found walking up from the program (a source checkout).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Neither exists.</exception>
    public static string FindDefault()
        => TryFindDefault(out var directory)
            ? directory
            : throw new DirectoryNotFoundException(
                $"No '{DirectoryName}' directory beside {AppContext.BaseDirectory} or above it; pass --signatures DIR.");

    /// <inheritdoc cref="FindDefault"/>
    public static bool TryFindDefault([NotNullWhen(true)] out string? directory)
        => TryFindFrom(AppContext.BaseDirectory, out directory);

    /// <summary>As <see cref="TryFindDefault"/>, starting from <paramref name="startDirectory"/>.</summary>
    public static bool TryFindFrom(string startDirectory, [NotNullWhen(true)] out string? directory)
    {
        var beside = Path.Combine(startDirectory, DirectoryName);
        if (Directory.Exists(beside))
        {
            directory = Path.GetFullPath(beside);
            return true;
        }
        for (var dir = new DirectoryInfo(startDirectory).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DirectoryName);
            if (File.Exists(Path.Combine(candidate, VendorSignatures.FileName)))
            {
                directory = candidate;
                return true;
            }
        }
        directory = null;
        return false;
    }
}
