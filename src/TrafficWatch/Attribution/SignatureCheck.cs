namespace TrafficWatch.Attribution;

/// <summary>
/// Validates a signatures directory without throwing: backs <c>trafficwatch signatures check</c>. Lists every
/// problem as <c>file:line: message</c>; an empty list means the directory loads cleanly.
/// </summary>
public static class SignatureCheck
{
    /// <summary>Checks the IEEE registry and <c>vendors.yaml</c> in <paramref name="signaturesDirectory"/>.</summary>
    public static IReadOnlyList<SignatureProblem> Run(string signaturesDirectory)
    {
        var problems = new List<SignatureProblem>();
        var registryFile = SignaturePaths.OuiRegistryFile(signaturesDirectory);
        OuiRegistry? registry = null;
        try
        {
            registry = OuiRegistry.Load(registryFile);
        }
        catch (SignatureFormatException ex)
        {
            problems.Add(new SignatureProblem(ex.FilePath, ex.Line, ProblemSeverity.Error, StripLocation(ex)));
        }
        VendorSignaturesLoader.LoadFile(SignaturePaths.VendorsFile(signaturesDirectory), registry, problems);
        Devices.ClassRulesLoader.LoadFile(Path.Combine(signaturesDirectory, Devices.ClassRules.FileName), problems);
        return problems;
    }

    /// <summary>True when <paramref name="problems"/> holds at least one error (warnings alone pass).</summary>
    public static bool HasErrors(IReadOnlyList<SignatureProblem> problems)
        => problems.Any(static p => p.Severity == ProblemSeverity.Error);

    private static string StripLocation(SignatureFormatException ex)
    {
        var prefix = $"{ex.FilePath}:{ex.Line}: ";
        return ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message[prefix.Length..] : ex.Message;
    }
}
