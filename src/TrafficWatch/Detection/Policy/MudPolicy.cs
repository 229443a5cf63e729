using TrafficWatch.Attribution;

namespace TrafficWatch.Detection.Policy;

/// <summary>What <see cref="MudImporter"/> made of a MUD file: rules for device-initiated traffic.</summary>
public sealed class MudPolicy
{
    internal MudPolicy(string? mudUrl, string? systemInfo, IReadOnlyList<PolicyRule> allow, IReadOnlyList<PolicyRule> deny, IReadOnlyList<SignatureProblem> warnings)
    {
        MudUrl = mudUrl;
        SystemInfo = systemInfo;
        Allow = allow;
        Deny = deny;
        Warnings = warnings;
    }

    /// <summary>The file's <c>mud-url</c>.</summary>
    public string? MudUrl { get; }

    /// <summary>The file's <c>systeminfo</c> (what device it describes).</summary>
    public string? SystemInfo { get; }

    /// <summary>From <c>accept</c> entries.</summary>
    public IReadOnlyList<PolicyRule> Allow { get; }

    /// <summary>From <c>drop</c>/<c>reject</c> entries.</summary>
    public IReadOnlyList<PolicyRule> Deny { get; }

    public IReadOnlyList<SignatureProblem> Warnings { get; }
}
