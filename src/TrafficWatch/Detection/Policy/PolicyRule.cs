namespace TrafficWatch.Detection.Policy;

/// <summary>
/// One allow or deny entry of a scope: the destination matches any of <see cref="Destinations"/> (none = anywhere),
/// AND, when given, any of <see cref="Ports"/>, AND the packet time falls in <see cref="Hours"/>.
/// </summary>
public sealed class PolicyRule
{
    private readonly DestinationSelector[] _destinations;
    private readonly PortRange[] _ports;

    internal PolicyRule(bool isAllow, DestinationSelector[] destinations, PortRange[] ports, TimeWindow? hours,
        string file, int line, string text, string? explicitReason)
    {
        IsAllow = isAllow;
        _destinations = destinations;
        _ports = ports;
        Hours = hours;
        File = file;
        Line = line;
        Source = $"{file}:{line}: {text}";
        ExplicitReason = explicitReason;
        Reason = explicitReason ?? string.Empty;
    }

    public bool IsAllow { get; }

    public IReadOnlyList<DestinationSelector> Destinations => _destinations;

    public IReadOnlyList<PortRange> Ports => _ports;

    public TimeWindow? Hours { get; }

    /// <summary>The file it came from, as shown to users (e.g. <c>policy.yaml</c> or <c>mud/example-camera.json</c>).</summary>
    public string File { get; }

    public int Line { get; }

    /// <summary><c>file:line: text</c> of the entry.</summary>
    public string Source { get; }

    /// <summary>Plain-English fragment: the entry's <c>reason:</c> or one generated from it.</summary>
    public string Reason { get; internal set; }

    /// <summary>The entry's own <c>reason:</c>, when it has one.</summary>
    public string? ExplicitReason { get; }

    /// <param name="target">The destination.</param>
    /// <param name="servers">The council's DNS/NTP servers.</param>
    /// <param name="time">Packet time of the evaluation.</param>
    /// <param name="zone">The policy's time zone.</param>
    /// <param name="secondOfDay">Local second of the day, computed on first need (-1 until then) and shared by the rules of one evaluation.</param>
    internal bool Matches(in PolicyTarget target, PolicyServers servers, PacketTime time, TimeZoneInfo zone, ref int secondOfDay)
    {
        if (_destinations.Length > 0)
        {
            var any = false;
            foreach (var destination in _destinations)
            {
                if (destination.Matches(in target, servers))
                {
                    any = true;
                    break;
                }
            }
            if (!any)
            {
                return false;
            }
        }
        if (_ports.Length > 0)
        {
            var any = false;
            foreach (var range in _ports)
            {
                if (range.Matches(target.Protocol, target.Port))
                {
                    any = true;
                    break;
                }
            }
            if (!any)
            {
                return false;
            }
        }
        if (Hours is { } hours)
        {
            if (secondOfDay < 0)
            {
                secondOfDay = PolicyClock.SecondOfDay(time, zone);
            }
            return hours.Contains(secondOfDay);
        }
        return true;
    }

    /// <summary>"to X, Y on tcp/443 between 22:00-06:00" style description of what the rule covers.</summary>
    internal string DescribeCoverage()
    {
        var text = Destinations.Count == 0 ? "anywhere" : JoinEnglish(Destinations.Select(static d => d.Describe()).ToList());
        if (Ports.Count > 0)
        {
            text += " on " + string.Join(", ", Ports);
        }
        if (Hours is { } hours)
        {
            text += " between " + hours.ToString().Replace("-", " and ", StringComparison.Ordinal);
        }
        return text;
    }

    internal static string JoinEnglish(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
