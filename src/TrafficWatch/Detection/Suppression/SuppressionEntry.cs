using System.Globalization;
using TrafficWatch.Decode;
using TrafficWatch.Detection.Policy;
using TrafficWatch.Enrichment;

namespace TrafficWatch.Detection.Suppression;

/// <summary>
/// One accepted finding from <c>suppressions.yaml</c>: matches an alert when every field it gives matches (rule,
/// device MAC, destination CIDR or domain) and the packet time is before the end of its expiry day (UTC).
/// </summary>
public sealed class SuppressionEntry
{
    internal SuppressionEntry(string? rule, MacAddress? device, IpNetwork? network, DomainPattern? domain, DateOnly expires,
        string reason, string file, int line, string text)
    {
        Rule = rule;
        Device = device;
        Network = network;
        Domain = domain;
        Expires = expires;
        EndsAt = PacketTime.FromSeconds(new DateTimeOffset(expires.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds());
        Reason = reason;
        File = file;
        Line = line;
        Source = $"{file}:{line}: {text}";
    }

    /// <summary>Detector name, or null for every rule.</summary>
    public string? Rule { get; }

    public MacAddress? Device { get; }

    public IpNetwork? Network { get; }

    public DomainPattern? Domain { get; }

    /// <summary>Last day the entry applies (UTC).</summary>
    public DateOnly Expires { get; }

    /// <summary>Midnight UTC after <see cref="Expires"/>: the entry no longer applies from this packet time on.</summary>
    public PacketTime EndsAt { get; }

    public string Reason { get; }

    public string File { get; }

    public int Line { get; }

    /// <summary><c>file:line: text</c> of the entry.</summary>
    public string Source { get; }

    public bool IsExpired(PacketTime time) => time >= EndsAt;

    /// <summary>Whether the entry covers this finding at <paramref name="time"/> (expired entries never do).</summary>
    public bool Matches(string rule, MacAddress device, UInt128? address, string? name, PacketTime time)
    {
        if (time >= EndsAt
            || Rule is not null && !string.Equals(Rule, rule, StringComparison.OrdinalIgnoreCase)
            || Device is { } mac && mac != device)
        {
            return false;
        }
        if (Network is { } network)
        {
            return address is { } ip && network.Contains(ip);
        }
        if (Domain is { } domain)
        {
            return name is not null && domain.Matches(name);
        }
        return true;
    }

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Source} (until {Expires:yyyy-MM-dd}: {Reason})");
}
