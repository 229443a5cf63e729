namespace TrafficWatch.Detection;

/// <summary>
/// The catalogue of TrafficWatch rules. Signature ids are stable (9100001 onwards, one per rule, never reused)
/// so that SIEM searches and suppressions keep working across versions. Severities follow one principle:
/// High when the device did something policy forbids or data is leaving; Medium for behaviour typical of
/// compromise that still needs a human to judge; Low for novelty worth a look.
/// </summary>
public static class AlertRules
{
    /// <summary>A restricted device reached a destination its policy does not allow (policy engine).</summary>
    public static AlertRule UnapprovedDestination { get; } = new(
        "unapproved-destination", 9100001, "Restricted device talks to an unapproved destination", "Policy Violation", AlertSeverity.High);

    /// <summary>The destination is in a country on the restricted list (policy engine).</summary>
    public static AlertRule RestrictedCountry { get; } = new(
        "restricted-country", 9100002, "Device talks to a restricted country", "Policy Violation", AlertSeverity.High);

    /// <summary>The destination is a known vendor cloud or P2P service (policy engine): a decision for the council.</summary>
    public static AlertRule VendorCloud { get; } = new(
        "vendor-cloud", 9100003, "Device uses a vendor cloud service", "Vendor Cloud Service", AlertSeverity.Medium);

    public static AlertRule ExfilVolume { get; } = new(
        "exfil-volume", 9100004, "Device uploads unusually much data to the internet", "Potential Data Exfiltration", AlertSeverity.High);

    public static AlertRule DirectIp { get; } = new(
        "direct-ip", 9100005, "Restricted device connects to a hard-coded internet address", "Potentially Bad Traffic", AlertSeverity.Medium);

    public static AlertRule NewDestination { get; } = new(
        "new-destination", 9100006, "Device class talks to a destination never seen before", "Unusual Behaviour", AlertSeverity.Low);

    public static AlertRule Beaconing { get; } = new(
        "beaconing", 9100007, "Device checks in with an internet host at regular intervals", "Potential Command and Control", AlertSeverity.Medium);

    public static AlertRule DnsTunnel { get; } = new(
        "dns-tunnel", 9100008, "Device hides data in DNS lookups", "Potential Covert Channel", AlertSeverity.Medium);

    public static AlertRule NewDevice { get; } = new(
        "new-device", 9100009, "Unregistered device on a restricted network", "Unknown Device", AlertSeverity.Low);

    public static AlertRule CleartextManagement { get; } = new(
        "cleartext-management", 9100010, "Restricted device uses an unencrypted login protocol to the internet", "Insecure Management Protocol", AlertSeverity.Medium);

    /// <summary>Every rule, in signature id order.</summary>
    public static IReadOnlyList<AlertRule> All { get; } =
    [
        UnapprovedDestination, RestrictedCountry, VendorCloud, ExfilVolume, DirectIp, NewDestination, Beaconing, DnsTunnel,
        NewDevice, CleartextManagement,
    ];

    /// <summary>The rule with this name, or null.</summary>
    public static AlertRule? Find(string rule)
    {
        foreach (var r in All)
        {
            if (r.Rule == rule)
            {
                return r;
            }
        }
        return null;
    }
}
