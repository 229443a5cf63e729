using YamlDotNet.Core;

namespace TrafficWatch.Attribution;

/// <summary>State of one <see cref="VendorSignaturesLoader"/> run: entries so far, claimed names, findings.</summary>
internal sealed class VendorLoadContext(string file, OuiRegistry? registry, List<SignatureProblem> problems)
{
    private readonly List<SignatureProblem> _warnings = [];

    public OuiRegistry? Registry { get; } = registry;
    public List<VendorEntry> Vendors { get; } = [];
    public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Organizations { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Domains { get; } = new(StringComparer.Ordinal);
    public List<(string Id, string Parent, Mark At)> ParentRefs { get; } = [];
    public int ErrorCount { get; private set; }

    public void Error(Mark at, string message)
    {
        ErrorCount++;
        problems.Add(new SignatureProblem(file, VendorSignaturesLoader.LineOf(at), ProblemSeverity.Error, message));
    }

    public void Warning(Mark at, string message)
    {
        var problem = new SignatureProblem(file, VendorSignaturesLoader.LineOf(at), ProblemSeverity.Warning, message);
        problems.Add(problem);
        _warnings.Add(problem);
    }

    public VendorSignatures Build() => new(Vendors, _warnings);
}
