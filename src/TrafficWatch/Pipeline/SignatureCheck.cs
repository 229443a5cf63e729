using TrafficWatch.Attribution;

namespace TrafficWatch.Pipeline;

/// <summary>
/// Validates a signatures directory without throwing: backs <c>trafficwatch signatures check</c>. Lists every
/// problem as <c>file:line: message</c>; an empty list means the directory loads cleanly.
/// </summary>
public static class SignatureCheck
{
    /// <summary>
    /// Checks the IEEE registry, <c>vendors.yaml</c>, <c>policy.yaml</c> (with the MUD files it names) and
    /// <c>suppressions.yaml</c> in <paramref name="signaturesDirectory"/>; suppressions that expired before today (UTC,
    /// wall clock: this is an offline check, not packet processing) are warnings.
    /// </summary>
    public static IReadOnlyList<SignatureProblem> Run(string signaturesDirectory)
        => Run(signaturesDirectory, DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>As <see cref="Run(string)"/>, judging suppression expiry against <paramref name="today"/>.</summary>
    public static IReadOnlyList<SignatureProblem> Run(string signaturesDirectory, DateOnly today)
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
        var vendors = VendorSignaturesLoader.LoadFile(SignaturePaths.VendorsFile(signaturesDirectory), registry, problems);
        Attribution.Devices.ClassRulesLoader.LoadFile(Path.Combine(signaturesDirectory, Attribution.Devices.ClassRules.FileName), problems);
        var policyFile = Path.Combine(signaturesDirectory, Detection.Policy.PolicySet.FileName);
        if (File.Exists(policyFile))
        {
            var vendorIds = vendors.Vendors.Select(static v => v.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Detection.Policy.PolicyLoader.LoadFile(policyFile, problems, vendorIds);
        }
        else
        {
            problems.Add(new SignatureProblem(policyFile, 0, ProblemSeverity.Error, "missing: without a policy no device is restricted"));
        }
        var suppressionsFile = Path.Combine(signaturesDirectory, Detection.Suppression.SuppressionList.FileName);
        if (File.Exists(suppressionsFile))
        {
            Detection.Suppression.SuppressionLoader.LoadFile(suppressionsFile, problems, today);
        }
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
