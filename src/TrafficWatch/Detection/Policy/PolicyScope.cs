using System.Globalization;
using TrafficWatch.Attribution;

namespace TrafficWatch.Detection.Policy;

/// <summary>
/// The policy for one zone, device class, vendor or device (or the default): an optional default action and
/// deny and allow rules. Deny rules are checked before allow rules within a scope; a more specific scope is
/// checked before a less specific one (device &gt; vendor &gt; class &gt; zone &gt; default).
/// </summary>
public sealed class PolicyScope
{
    private PolicyRule[] _deny = [];
    private PolicyRule[] _allow = [];

    internal PolicyScope(PolicyScopeKind kind, string key, string file, int line)
    {
        Kind = kind;
        Key = key;
        File = file;
        Line = line;
        Label = LabelFor(kind, key);
    }

    public PolicyScopeKind Kind { get; }

    /// <summary>Zone name, class name, vendor id, MAC (as written) or <c>default</c>.</summary>
    public string Key { get; }

    /// <summary>How explanations name the devices in this scope, e.g. "cameras", "devices in zone cctv".</summary>
    public string Label { get; }

    public string File { get; }

    /// <summary>Line of the scope's key in the policy file.</summary>
    public int Line { get; }

    /// <summary>The scope's <c>action:</c>, or null when it inherits from a less specific scope.</summary>
    public ScopeDefault? DefaultAction { get; internal set; }

    /// <summary><c>file:line: action: deny</c> of the default action, when set.</summary>
    public string? DefaultSource { get; internal set; }

    /// <summary>Plain-English fragment for decisions made by the default action.</summary>
    public string DefaultReason { get; private set; } = string.Empty;

    /// <summary>The scope's <c>reason:</c>, when given (used for its default action).</summary>
    public string? ExplicitReason { get; internal set; }

    /// <summary>The MUD file imported into this scope (as written in the policy), when any.</summary>
    public string? Mud { get; internal set; }

    public IReadOnlyList<PolicyRule> Deny => _deny;

    public IReadOnlyList<PolicyRule> Allow => _allow;

    internal List<PolicyRule> PendingDeny { get; } = [];

    internal List<PolicyRule> PendingAllow { get; } = [];

    /// <summary>First deny rule, else first allow rule, that matches; null when none does.</summary>
    internal PolicyRule? Match(in PolicyTarget target, PolicyServers servers, PacketTime time, TimeZoneInfo zone, ref int secondOfDay)
    {
        foreach (var rule in _deny)
        {
            if (rule.Matches(in target, servers, time, zone, ref secondOfDay))
            {
                return rule;
            }
        }
        foreach (var rule in _allow)
        {
            if (rule.Matches(in target, servers, time, zone, ref secondOfDay))
            {
                return rule;
            }
        }
        return null;
    }

    /// <summary>Moves the pending rules into place and writes every generated reason.</summary>
    internal void Freeze()
    {
        _deny = [.. PendingDeny];
        _allow = [.. PendingAllow];
        foreach (var rule in _deny)
        {
            rule.Reason = rule.ExplicitReason ?? $"{Label} must not talk to {rule.DescribeCoverage()}";
        }
        foreach (var rule in _allow)
        {
            rule.Reason = rule.ExplicitReason ?? $"{Label} may talk to {rule.DescribeCoverage()}";
        }
        DefaultReason = ExplicitReason ?? DefaultAction switch
        {
            ScopeDefault.Deny when _allow.Length > 0
                => $"{Label} may only talk to {PolicyRule.JoinEnglish(_allow.Select(static r => r.DescribeCoverage()).Distinct().ToList())}",
            ScopeDefault.Deny => $"{Label} may not talk to any destination the policy does not list",
            ScopeDefault.Allow => $"{Label} may talk to any destination the policy does not deny",
            _ => $"{Label} are watched, not restricted",
        };
    }

    private static string LabelFor(PolicyScopeKind kind, string key) => kind switch
    {
        PolicyScopeKind.Zone => $"devices in zone {key}",
        PolicyScopeKind.Vendor => $"{key} devices",
        PolicyScopeKind.Device => $"device {key}",
        PolicyScopeKind.Class => DeviceClassNames.TryParse(key, out var deviceClass) ? ClassLabel(deviceClass) : key,
        _ => "devices",
    };

    /// <summary>"cameras", "NVRs", "IoT sensors" ...</summary>
    public static string ClassLabel(DeviceClass deviceClass) => deviceClass switch
    {
        DeviceClass.Camera => "cameras",
        DeviceClass.Nvr => "NVRs",
        DeviceClass.IotSensor => "IoT sensors",
        DeviceClass.Network => "network devices",
        DeviceClass.Office => "office devices",
        DeviceClass.Server => "servers",
        _ => "unclassified devices",
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind} {Key} ({File}:{Line})");
}
