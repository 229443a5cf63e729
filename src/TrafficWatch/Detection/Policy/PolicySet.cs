using TrafficWatch.Attribution;
using TrafficWatch.Decode;
using TrafficWatch.Enrichment;

namespace TrafficWatch.Detection.Policy;

/// <summary>
/// The destination policy from <c>signatures/policy.yaml</c>: scopes by zone, device class, vendor and device, the
/// restricted-country list, the council's DNS/NTP servers and internal ranges, and the time zone for time windows.
/// Immutable and thread-safe once loaded. <see cref="Evaluate"/> allocates nothing; call it when a flow starts and
/// when its counters change, not per packet.
/// </summary>
public sealed class PolicySet
{
    /// <summary>File name inside the signatures directory.</summary>
    public const string FileName = "policy.yaml";

    /// <summary>
    /// Used when policy.yaml has no <c>restricted-countries:</c> key: the states UK NCSC and US (CISA/FCC/NDAA s.889)
    /// guidance treats as high-risk for surveillance equipment and data: China, Russia, Iran, North Korea.
    /// </summary>
    public static IReadOnlyList<string> DefaultRestrictedCountries { get; } = ["CN", "RU", "IR", "KP"];

    private readonly PolicyScope?[] _classes;
    private readonly Dictionary<string, PolicyScope> _zones;
    private readonly Dictionary<string, PolicyScope> _vendors;
    private readonly Dictionary<MacAddress, PolicyScope> _devices;
    private readonly HashSet<string> _restrictedCountries;

    internal PolicySet(PolicyScope defaultScope, PolicyScope?[] classes, Dictionary<string, PolicyScope> zones,
        Dictionary<string, PolicyScope> vendors, Dictionary<MacAddress, PolicyScope> devices, IEnumerable<string> restrictedCountries,
        string? restrictedCountriesSource, PolicyServers servers, IReadOnlyList<IpNetwork> internalRanges, TimeZoneInfo timeZone,
        IReadOnlyList<SignatureProblem> warnings)
    {
        Default = defaultScope;
        _classes = classes;
        _zones = zones;
        _vendors = vendors;
        _devices = devices;
        _restrictedCountries = new HashSet<string>(restrictedCountries, StringComparer.OrdinalIgnoreCase);
        RestrictedCountriesSource = restrictedCountriesSource;
        Servers = servers;
        InternalRanges = internalRanges;
        TimeZone = timeZone;
        Warnings = warnings;
    }

    /// <summary>A policy that watches everything and restricts nothing (for runs without policy.yaml).</summary>
    public static PolicySet WatchOnly { get; } = CreateWatchOnly();

    /// <summary>The <c>default:</c> scope; its action is always set (watch when the file does not say).</summary>
    public PolicyScope Default { get; }

    public IReadOnlyDictionary<string, PolicyScope> Zones => _zones;

    public IReadOnlyDictionary<string, PolicyScope> Vendors => _vendors;

    public IReadOnlyDictionary<MacAddress, PolicyScope> Devices => _devices;

    /// <summary>ISO codes of the restricted countries (for the restricted-country detector).</summary>
    public IReadOnlySet<string> RestrictedCountries => _restrictedCountries;

    /// <summary><c>file:line: text</c> of the <c>restricted-countries:</c> key, or null when the built-in default applies.</summary>
    public string? RestrictedCountriesSource { get; }

    public PolicyServers Servers { get; }

    /// <summary>The council's own ranges from <c>internal-ranges:</c> (see <see cref="CreateAddressScope"/>).</summary>
    public IReadOnlyList<IpNetwork> InternalRanges { get; }

    /// <summary>Time zone for <c>hours:</c> windows (<c>timezone:</c>, default UTC).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Non-fatal findings from loading.</summary>
    public IReadOnlyList<SignatureProblem> Warnings { get; }

    /// <summary>The scope for a device class, when policy.yaml has one.</summary>
    public PolicyScope? ForClass(DeviceClass deviceClass)
        => (uint)deviceClass < (uint)_classes.Length ? _classes[(int)deviceClass] : null;

    public bool IsRestrictedCountry(string? isoCode) => isoCode is not null && _restrictedCountries.Contains(isoCode);

    /// <summary>
    /// Judges one destination for one device at packet time <paramref name="time"/>. Scopes are tried from the most
    /// specific (device, vendor, class, zone, default); in each, deny rules then allow rules; the first match decides.
    /// When none matches, the most specific scope with an <c>action:</c> decides (deny, allow, or watch = NotRestricted).
    /// </summary>
    public PolicyDecision Evaluate(in PolicySubject subject, in PolicyTarget target, PacketTime time)
    {
        var secondOfDay = -1;
        PolicyScope? decider = null;
        if (Try(Device(in subject), in target, time, ref secondOfDay, ref decider, out var decision)
            || Try(Vendor(in subject), in target, time, ref secondOfDay, ref decider, out decision)
            || Try(ForClass(subject.Class), in target, time, ref secondOfDay, ref decider, out decision)
            || Try(Zone(in subject), in target, time, ref secondOfDay, ref decider, out decision)
            || Try(Default, in target, time, ref secondOfDay, ref decider, out decision))
        {
            return decision;
        }
        var scope = decider ?? Default;
        var action = scope.DefaultAction switch
        {
            ScopeDefault.Deny => PolicyAction.Deny,
            ScopeDefault.Allow => PolicyAction.Allow,
            _ => PolicyAction.NotRestricted,
        };
        return new PolicyDecision(action, scope, null, scope.DefaultSource ?? string.Empty, scope.DefaultReason);
    }

    /// <summary>
    /// The default action that applies to <paramref name="subject"/> and the scope it comes from. A device whose
    /// effective default is <see cref="ScopeDefault.Deny"/> is a "restricted device" for the detectors.
    /// </summary>
    public (ScopeDefault Action, PolicyScope Scope) EffectiveDefault(in PolicySubject subject)
    {
        var scope = WithDefault(Device(in subject)) ?? WithDefault(Vendor(in subject)) ?? WithDefault(ForClass(subject.Class))
            ?? WithDefault(Zone(in subject)) ?? Default;
        return (scope.DefaultAction ?? ScopeDefault.Watch, scope);

        static PolicyScope? WithDefault(PolicyScope? scope) => scope?.DefaultAction is null ? null : scope;
    }

    /// <summary>True when the device's effective default action is deny (cameras, NVRs, sensors in the shipped policy).</summary>
    public bool IsRestricted(in PolicySubject subject) => EffectiveDefault(in subject).Action == ScopeDefault.Deny;

    /// <summary>An <see cref="AddressScope"/> with the built-in internal ranges, <see cref="InternalRanges"/> and <paramref name="extraRanges"/>.</summary>
    public AddressScope CreateAddressScope(IEnumerable<string>? extraRanges = null)
        => new(InternalRanges.Select(static n => n.ToString()).Concat(extraRanges ?? []));

    /// <summary>Loads <paramref name="path"/>; the first error throws.</summary>
    /// <exception cref="SignatureFormatException">The file is missing, unreadable or has an error (message starts <c>file:line:</c>).</exception>
    public static PolicySet Load(string path)
    {
        var problems = new List<SignatureProblem>();
        var policy = PolicyLoader.LoadFile(path, problems);
        if (problems.FirstOrDefault(static p => p.Severity == ProblemSeverity.Error) is { } error)
        {
            throw new SignatureFormatException(error.File, error.Line, error.Message);
        }
        return policy;
    }

    private PolicyScope? Device(in PolicySubject subject)
        => _devices.Count > 0 && _devices.TryGetValue(subject.Mac, out var scope) ? scope : null;

    private PolicyScope? Vendor(in PolicySubject subject)
        => subject.Vendor is { } vendor && _vendors.TryGetValue(vendor, out var scope) ? scope : null;

    private PolicyScope? Zone(in PolicySubject subject)
        => subject.Zone is { } zone && _zones.TryGetValue(zone, out var scope) ? scope : null;

    private bool Try(PolicyScope? scope, in PolicyTarget target, PacketTime time, ref int secondOfDay, ref PolicyScope? decider,
        out PolicyDecision decision)
    {
        decision = default;
        if (scope is null)
        {
            return false;
        }
        if (scope.Match(in target, Servers, time, TimeZone, ref secondOfDay) is { } rule)
        {
            decision = new PolicyDecision(rule.IsAllow ? PolicyAction.Allow : PolicyAction.Deny, scope, rule, rule.Source, rule.Reason);
            return true;
        }
        if (decider is null && scope.DefaultAction is not null)
        {
            decider = scope;
        }
        return false;
    }

    private static PolicySet CreateWatchOnly()
    {
        var scope = new PolicyScope(PolicyScopeKind.Default, "default", "(built-in)", 0) { DefaultAction = ScopeDefault.Watch };
        scope.Freeze();
        return new PolicySet(scope, new PolicyScope?[DeviceClassNames.All.Count], new(StringComparer.OrdinalIgnoreCase),
            new(StringComparer.OrdinalIgnoreCase), [], DefaultRestrictedCountries, null, new PolicyServers([], []), [], TimeZoneInfo.Utc, []);
    }
}
