using TrafficWatch.Attribution;
using TrafficWatch.Detection.Policy;
using TrafficWatch.Tests.Capture;

namespace TrafficWatch.Tests.Detection.Policy;

/// <summary>policy.yaml mistakes are reported on the line they are on, and the rest still loads.</summary>
public sealed class PolicyLoaderTests
{
    private static SignatureProblem SingleError(string yaml)
    {
        PolicyText.Load(yaml, out var problems);
        var errors = problems.Where(static p => p.Severity == ProblemSeverity.Error).ToList();
        Assert.True(errors.Count == 1, string.Join("\n", problems));
        return errors[0];
    }

    [Theory]
    [InlineData("      - 10.0.0.0/33", "'10.0.0.0/33' is not a CIDR range")]
    [InlineData("      - 300.1.1.1", "'300.1.1.1' is not a CIDR range")]
    [InlineData("      - \"*.exa mple.com\"", "is not a destination")]
    [InlineData("      - country:XX", "'XX' is not an ISO 3166 alpha-2 country code")]
    [InlineData("      - AS12x", "'AS12x' is not an AS number")]
    [InlineData("      - { to: any, ports: tcp/70000 }", "'tcp/70000' is not a port")]
    [InlineData("      - { to: any, ports: tcp/90-80 }", "'tcp/90-80' is not a port")]
    [InlineData("      - { to: any, hours: 25:00-06:00 }", "hours must be a time-of-day window")]
    [InlineData("      - { to: any, hours: 06:00-06:00 }", "hours must be a time-of-day window")]
    [InlineData("      - { to: any, when: nightly }", "unknown rule key 'when'")]
    [InlineData("      - { reason: everything }", "a rule needs at least one of to:, ports:, hours:")]
    public void Bad_rules_are_reported_on_their_line(string rule, string message)
    {
        var yaml = $"""
            schema: 1
            classes:
              camera:
                action: deny
                allow:
                  - internal
            {rule}
                  - dns-servers
            """;
        var error = SingleError(yaml);
        Assert.Equal(7, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        var policy = PolicyText.Load(yaml, out _);
        Assert.Equal(2, policy.ForClass(DeviceClass.Camera)!.Allow.Count);  // the good rules still load
    }

    [Theory]
    [InlineData("schema: 2", 1, "schema must be 1")]
    [InlineData("colour: blue", 2, "unknown key 'colour'")]
    [InlineData("timezone: Mars/Olympus", 2, "timezone 'Mars/Olympus' is not a known time zone")]
    [InlineData("restricted-countries: [CN, XY]", 2, "'XY' is not an ISO 3166 alpha-2 country code")]
    [InlineData("dns-servers: [10.0.0.53, dns.example.com]", 2, "dns-servers: 'dns.example.com' is not an address")]
    [InlineData("classes: { toaster: { action: deny } }", 2, "class 'toaster' is not one of")]
    [InlineData("devices: { \"44:19:b6:00:00\": { action: deny } }", 2, "is not a MAC address")]
    [InlineData("default: { action: block }", 2, "action must be allow, deny or watch")]
    [InlineData("default: { actions: deny }", 2, "unknown key 'actions'")]
    [InlineData("zones: [cctv]", 2, "'zones' must be a mapping")]
    public void Bad_top_level_settings_are_reported_on_their_line(string line, int expectedLine, string message)
    {
        var yaml = line.StartsWith("schema", StringComparison.Ordinal) ? line + "\n" : "schema: 1\n" + line + "\n";
        var error = SingleError(yaml);
        Assert.Equal(expectedLine, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zone_listed_twice_names_the_first_line()
    {
        var error = SingleError("""
            schema: 1
            zones:
              cctv: { action: deny }
              iot: { action: deny }
              CCTV: { action: watch }
            """);
        Assert.Equal(5, error.Line);
        Assert.Contains("listed twice (first at line 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void YAML_syntax_errors_carry_the_line()
    {
        var error = SingleError("""
            schema: 1
            classes:
              camera:
                allow: [internal, "dns-servers]
            """);
        Assert.Contains("YAML syntax error", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Line, 4, 5);
    }

    [Fact]
    public void A_missing_schema_is_an_error()
    {
        var error = SingleError("default: { action: watch }\n");
        Assert.Equal(1, error.Line);
        Assert.Contains("missing 'schema: 1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_bits_and_unknown_vendors_are_warnings_not_errors()
    {
        var policy = PolicyText.Load("""
            schema: 1
            vendors:
              acme-cams:
                allow: [10.1.2.3/8]
            """, out var problems, vendors: new HashSet<string> { "hikvision" });
        Assert.All(problems, static p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        Assert.Equal([3, 4], problems.Select(static p => p.Line).Order());
        Assert.Contains(problems, static p => p.Message.Contains("it means 10.0.0.0/8", StringComparison.Ordinal));
        Assert.Contains(problems, static p => p.Message.Contains("vendor 'acme-cams' is not an id in vendors.yaml", StringComparison.Ordinal));
        Assert.Equal(2, policy.Warnings.Count);
        Assert.Equal("10.0.0.0/8", policy.Vendors["acme-cams"].Allow[0].Destinations[0].Network.ToString());
    }

    [Fact]
    public void Load_throws_with_file_and_line_on_the_first_error()
    {
        using var temp = new TempDirectory();
        var path = temp.File("policy.yaml");
        File.WriteAllText(path, "schema: 1\nclasses:\n  camera:\n    allow: [country:ZZ]\n");
        var ex = Assert.Throws<SignatureFormatException>(() => PolicySet.Load(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Equal(4, ex.Line);
        Assert.StartsWith($"{path}:4: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_one_error_at_line_0()
    {
        using var temp = new TempDirectory();
        var problems = new List<SignatureProblem>();
        PolicyLoader.LoadFile(temp.File("policy.yaml"), problems);
        var only = Assert.Single(problems);
        Assert.Equal(0, only.Line);
        Assert.Contains("cannot read the policy", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_policy_loads_without_problems()
    {
        var problems = new List<SignatureProblem>();
        var policy = PolicyLoader.LoadFile(Path.Combine(SignaturePaths.FindDefault(), PolicySet.FileName), problems);
        Assert.Empty(problems);
        Assert.NotNull(policy.ForClass(DeviceClass.Camera));
        Assert.NotNull(policy.ForClass(DeviceClass.Nvr));
        Assert.NotNull(policy.ForClass(DeviceClass.IotSensor));
        Assert.Equal(ScopeDefault.Watch, policy.ForClass(DeviceClass.Office)!.DefaultAction);
        Assert.Same(TimeZoneInfo.Utc, policy.TimeZone);
    }

    [Fact]
    public void Internal_ranges_feed_the_address_scope()
    {
        var policy = PolicyText.LoadClean("schema: 1\ninternal-ranges: [192.0.2.0/24]\n");
        var scope = policy.CreateAddressScope(["198.51.100.0/25"]);
        Assert.True(scope.IsInternal(TrafficWatch.Decode.IpAddr.Parse("192.0.2.77")));
        Assert.True(scope.IsInternal(TrafficWatch.Decode.IpAddr.Parse("198.51.100.127")));
        Assert.False(scope.IsInternal(TrafficWatch.Decode.IpAddr.Parse("198.51.100.128")));
    }
}
