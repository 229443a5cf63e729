using TrafficWatch.Attribution;
using TrafficWatch.Decode;
using TrafficWatch.Detection.Suppression;
using TrafficWatch.Tests.Capture;
using static TrafficWatch.Tests.Detection.Policy.Targets;

namespace TrafficWatch.Tests.Detection.Policy;

/// <summary>suppressions.yaml: scoped by rule, device and destination; expired entries never apply.</summary>
public sealed class SuppressionListTests
{
    private const string Entries = """
        schema: 1
        suppressions:
          - rule: vendor-cloud
            device: "44:19:b6:00:00:01"
            destination: "*.hik-connect.com"
            expires: 2025-06-30
            reason: Hik-Connect approved for the car-park camera (IT-4821)
          - rule: exfil-volume
            destination: 203.0.113.0/24
            expires: 2025-12-31
            reason: nightly off-site backup of the NVR (IT-5000)
          - device: "44:19:b6:00:00:02"
            expires: 2025-06-05
            reason: camera under repair by the contractor
        """;

    private static SuppressionList Load(string yaml, out List<SignatureProblem> problems, DateOnly? today = null)
    {
        problems = [];
        return SuppressionLoader.Read(yaml, "suppressions.yaml", problems, today);
    }

    private static SuppressionList LoadClean()
    {
        var list = Load(Entries, out var problems);
        Assert.Empty(problems);
        return list;
    }

    [Fact]
    public void A_finding_is_suppressed_only_when_every_field_of_an_entry_matches()
    {
        var list = LoadClean();
        Assert.True(list.IsSuppressed("vendor-cloud", CameraMac, IpAddr.Parse("47.88.1.2"), "api.hik-connect.com", Noon));
        Assert.False(list.IsSuppressed("restricted-country", CameraMac, IpAddr.Parse("47.88.1.2"), "api.hik-connect.com", Noon));  // other rule
        Assert.False(list.IsSuppressed("vendor-cloud", Mac("44:19:b6:00:00:03"), IpAddr.Parse("47.88.1.2"), "api.hik-connect.com", Noon)); // other device
        Assert.False(list.IsSuppressed("vendor-cloud", CameraMac, IpAddr.Parse("47.88.1.2"), "hik-connect.com", Noon));     // apex not covered
        Assert.False(list.IsSuppressed("vendor-cloud", CameraMac, IpAddr.Parse("47.88.1.2"), null, Noon));                  // no name
    }

    [Theory]
    [InlineData("203.0.113.0", true)]
    [InlineData("203.0.113.255", true)]
    [InlineData("203.0.114.0", false)]
    [InlineData("203.0.112.255", false)]
    public void CIDR_destinations_cover_exactly_their_range_for_any_device(string address, bool suppressed)
        => Assert.Equal(suppressed, LoadClean().IsSuppressed("exfil-volume", Mac("00:11:22:33:44:55"), IpAddr.Parse(address), null, Noon));

    [Fact]
    public void A_CIDR_entry_does_not_match_a_device_only_finding()
        => Assert.False(LoadClean().IsSuppressed("exfil-volume", CameraMac, null, null, Noon));

    [Fact]
    public void A_device_entry_covers_every_rule_until_the_end_of_its_expiry_day_UTC()
    {
        var list = LoadClean();
        var repair = Mac("44:19:b6:00:00:02");
        Assert.True(list.IsSuppressed("new-destination", repair, IpAddr.Parse("8.8.8.8"), null, At(2025, 6, 5, 23, 59, 59)));
        Assert.False(list.IsSuppressed("new-destination", repair, IpAddr.Parse("8.8.8.8"), null, At(2025, 6, 6, 0, 0, 0)));
        Assert.True(list.TryMatch("beaconing", repair, null, null, Noon, out var entry));
        Assert.Equal(12, entry.Line);
        Assert.Equal("suppressions.yaml:12: - device: \"44:19:b6:00:00:02\"", entry.Source);
        Assert.Equal("camera under repair by the contractor", entry.Reason);
    }

    [Fact]
    public void Expired_entries_are_ignored_and_listed()
    {
        var list = LoadClean();
        var july = At(2025, 7, 1, 0, 0);
        Assert.False(list.IsSuppressed("vendor-cloud", CameraMac, IpAddr.Parse("47.88.1.2"), "api.hik-connect.com", july));
        Assert.Equal([3, 12], list.ExpiredAt(july).Select(static e => e.Line));
    }

    [Fact]
    public void Loading_with_a_date_warns_about_entries_already_expired()
    {
        Load(Entries, out var problems, today: new DateOnly(2025, 7, 1));
        Assert.Equal(2, problems.Count);
        Assert.All(problems, static p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        Assert.Equal([6, 13], problems.Select(static p => p.Line));          // the expires: lines
        Assert.Contains("expired on 2025-06-30", problems[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  - { rule: vendor-cloud, expires: 2025-06-31, reason: x }", "expires '2025-06-31' is not a date")]
    [InlineData("  - { rule: vendor-cloud, reason: x }", "'expires' is required")]
    [InlineData("  - { rule: vendor-cloud, expires: 2025-06-30 }", "'reason' is required")]
    [InlineData("  - { expires: 2025-06-30, reason: x }", "needs at least one of rule, device, destination")]
    [InlineData("  - { rule: \"*\", expires: 2025-06-30, reason: x }", "needs at least one of rule, device, destination")]
    [InlineData("  - { rule: Vendor Cloud, expires: 2025-06-30, reason: x }", "is not a detector name")]
    [InlineData("  - { device: 44-19-b6, expires: 2025-06-30, reason: x }", "is not a MAC address")]
    [InlineData("  - { destination: \"http://x\", expires: 2025-06-30, reason: x }", "is not a CIDR, an address or a domain")]
    [InlineData("  - { rule: beaconing, until: 2025-06-30, expires: 2025-06-30, reason: x }", "unknown key 'until'")]
    public void Bad_entries_are_errors_on_their_line(string entry, string message)
    {
        var list = Load($"schema: 1\nsuppressions:\n  - {{ rule: dns-tunnel, expires: 2030-01-01, reason: ok }}\n{entry}\n", out var problems);
        var error = Assert.Single(problems);
        Assert.Equal(ProblemSeverity.Error, error.Severity);
        Assert.Equal(4, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Single(list.Entries);                                          // the good entry still loads
    }

    [Fact]
    public void The_shipped_example_is_an_empty_list_and_a_missing_file_is_empty()
    {
        var shipped = SuppressionList.Load(Path.Combine(SignaturePaths.FindDefault(), SuppressionList.FileName));
        Assert.Empty(shipped.Entries);
        using var temp = new TempDirectory();
        Assert.Same(SuppressionList.Empty, SuppressionList.Load(temp.File(SuppressionList.FileName)));
    }

    [Fact]
    public void Load_throws_with_file_and_line()
    {
        using var temp = new TempDirectory();
        var path = temp.File(SuppressionList.FileName);
        File.WriteAllText(path, "schema: 1\nsuppressions:\n  - { rule: beaconing, reason: x }\n");
        var ex = Assert.Throws<SignatureFormatException>(() => SuppressionList.Load(path));
        Assert.Equal(3, ex.Line);
    }
}
