using System.Globalization;

namespace TrafficWatch.Detection;

/// <summary>
/// <c>dns-tunnel</c>: one device looks up many different names under one registered domain, or many names with
/// long (<see cref="DnsTunnelOptions.LongLabelLength"/>) or random-looking (high Shannon entropy) labels, within a
/// window: data is being carried inside DNS questions. The registered domain is approximated as the last two
/// labels, or three under a common public second-level suffix (<c>co.uk</c>, <c>com.cn</c> ...). Reverse lookups
/// (<c>.arpa</c>) and <c>.local</c> names are never judged. Windows are tumbling: they start at the first lookup.
/// Per pair the detector keeps at most <see cref="DnsTunnelOptions.UniqueSubdomainThreshold"/> 64-bit hashes.
/// </summary>
public sealed class DnsTunnelDetector : IDetector
{
    private readonly DnsTunnelOptions _options;
    private readonly BoundedStateTable<(ulong Mac, ulong Domain), DnsDomainState> _pairs;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _ignored;
    private readonly long _windowNs;
    private readonly long _cooldownNs;

    public DnsTunnelDetector(DnsTunnelOptions options)
    {
        options.Validate();
        _options = options;
        _pairs = new(options.MaxPairs);
        _ignored = new HashSet<string>(options.IgnoredDomains.Select(static d => d.Trim().TrimEnd('.')), StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _windowNs = options.WindowSeconds * PacketTime.NanosPerSecond;
        _cooldownNs = options.CooldownSeconds * PacketTime.NanosPerSecond;
    }

    public string Rule => AlertRules.DnsTunnel.Rule;

    /// <summary>(device, domain) pairs tracked (at most <see cref="DnsTunnelOptions.MaxPairs"/>).</summary>
    public int TrackedPairs => _pairs.Count;

    public void OnDnsQuery(DnsQueryFacts query, IAlertSink alerts)
    {
        if (!_options.Enabled || (_options.RestrictedOnly && !query.DeviceRestricted))
        {
            return;
        }
        var name = query.QueryName.AsSpan().TrimEnd('.');
        if (name.EndsWith(".arpa", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".local", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var start = RegisteredDomain.Find(name, out var subLength);
        if (start < 0 || subLength == 0)
        {
            return;
        }
        var domain = name[start..];
        if (_ignored.Contains(domain))
        {
            return;
        }
        var now = query.Time.Nanoseconds;
        var key = (query.Device.Mac.Value, LabelEntropy.Hash(domain));
        if (!_pairs.TryGet(key, now, out var state))
        {
            state = _pairs.GetOrAdd(key, now, static d => new DnsDomainState(d.ToLowerInvariant()), domain.ToString(), out _);
        }
        if (now < state.QuietUntil)
        {
            return;
        }
        if (state.WindowStart == long.MinValue || now - state.WindowStart >= _windowNs)
        {
            Reset(state, now);
        }
        var subdomain = name[..subLength];
        if (state.Subdomains.Count < _options.UniqueSubdomainThreshold && state.Subdomains.Add(LabelEntropy.Hash(subdomain))
            && IsSuspicious(subdomain))
        {
            state.Suspicious++;
            state.Example ??= AlertText.Bound(query.QueryName.TrimEnd('.'), 80);
        }
        if (state.Subdomains.Count < _options.UniqueSubdomainThreshold && state.Suspicious < _options.SuspiciousNameThreshold)
        {
            return;
        }
        var explanation = string.Create(CultureInfo.InvariantCulture,
            $"{AlertText.Device(query.Device)} looked up {state.Subdomains.Count} different names under {AlertText.Bound(state.Domain)} in "
            + $"{AlertText.Duration((now - state.WindowStart) / PacketTime.NanosPerSecond)}");
        explanation += state.Suspicious > 0
            ? string.Create(CultureInfo.InvariantCulture, $", {state.Suspicious} of them long random-looking strings such as '{state.Example}'")
            : "";
        explanation += "; hiding data in DNS lookups like this ('DNS tunnelling') slips it past firewalls.";
        alerts.OnAlert(AlertText.Create(AlertRules.DnsTunnel, query.Time, query.Device, explanation) with
        {
            FirstSeen = new PacketTime(state.WindowStart),
            LastSeen = query.Time,
            Advice = "Find the program making these lookups; if nobody recognises the domain, block it on the council's DNS resolvers.",
        });
        state.QuietUntil = now + _cooldownNs;
        Reset(state, now);
    }

    private static void Reset(DnsDomainState state, long now)
    {
        state.WindowStart = now;
        state.Subdomains.Clear();
        state.Suspicious = 0;
        state.Example = null;
    }

    /// <summary>Any label long, or long enough and random-looking.</summary>
    internal bool IsSuspicious(ReadOnlySpan<char> subdomain)
    {
        foreach (var range in subdomain.Split('.'))
        {
            var label = subdomain[range];
            if (label.Length >= _options.LongLabelLength
                || (label.Length >= _options.MinEntropyLabelLength && LabelEntropy.BitsPerChar(label) >= _options.EntropyBitsPerChar))
            {
                return true;
            }
        }
        return false;
    }
}
