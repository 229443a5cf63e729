using TrafficWatch.Attribution;
using TrafficWatch.Detection.Policy;
using static TrafficWatch.Tests.Detection.Policy.Targets;

namespace TrafficWatch.Tests.Detection.Policy;

/// <summary>Scope precedence, default actions, and what a decision tells the alert.</summary>
public sealed class PolicyEvaluationTests
{
    private const string Layered = """
        schema: 1
        default:
          action: allow
        zones:
          cctv:
            action: deny
            allow: [internal]
            deny: [203.0.113.1]
        classes:
          camera:
            allow: [203.0.113.1, 203.0.113.2]
            deny: [203.0.113.3]
        vendors:
          hikvision:
            deny: [203.0.113.2]
            allow: [203.0.113.3, 203.0.113.4]
        devices:
          "44:19:b6:00:00:01":
            allow: [203.0.113.2]
            deny: [203.0.113.4]
        """;

    [Theory]
    [InlineData("203.0.113.4", PolicyAction.Deny, PolicyScopeKind.Device)]   // device deny beats vendor allow
    [InlineData("203.0.113.2", PolicyAction.Allow, PolicyScopeKind.Device)]  // device allow beats vendor deny
    [InlineData("203.0.113.3", PolicyAction.Allow, PolicyScopeKind.Vendor)]  // vendor allow beats class deny
    [InlineData("203.0.113.1", PolicyAction.Allow, PolicyScopeKind.Class)]   // class allow beats zone deny
    [InlineData("10.10.0.10", PolicyAction.Allow, PolicyScopeKind.Zone)]
    [InlineData("198.51.100.1", PolicyAction.Deny, PolicyScopeKind.Zone)]    // zone default beats default allow
    public void The_most_specific_scope_wins(string address, PolicyAction action, PolicyScopeKind scope)
    {
        var policy = PolicyText.LoadClean(Layered);
        var decision = policy.Evaluate(Camera(), To(address), Noon);
        Assert.Equal(action, decision.Action);
        Assert.Equal(scope, decision.Scope.Kind);
    }

    [Fact]
    public void Another_device_of_the_same_vendor_does_not_get_the_device_exception()
    {
        var policy = PolicyText.LoadClean(Layered);
        var decision = policy.Evaluate(Camera(mac: OtherCameraMac), To("203.0.113.2"), Noon);
        Assert.Equal(PolicyAction.Deny, decision.Action);
        Assert.Equal(PolicyScopeKind.Vendor, decision.Scope.Kind);
    }

    [Fact]
    public void Without_vendor_or_zone_the_class_and_default_decide()
    {
        var policy = PolicyText.LoadClean(Layered);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Camera(vendor: null, zone: null, mac: OtherCameraMac), To("203.0.113.3"), Noon).Action);
        var fallThrough = policy.Evaluate(Camera(vendor: null, zone: null, mac: OtherCameraMac), To("198.51.100.1"), Noon);
        Assert.Equal(PolicyAction.Allow, fallThrough.Action);                // class has no action: default allow decides
        Assert.Equal(PolicyScopeKind.Default, fallThrough.Scope.Kind);
    }

    [Fact]
    public void Zone_and_vendor_names_match_case_insensitively()
    {
        var policy = PolicyText.LoadClean(Layered);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Camera(vendor: "HikVision", mac: OtherCameraMac), To("203.0.113.2"), Noon).Action);
        Assert.Equal(PolicyScopeKind.Zone, policy.Evaluate(Camera(vendor: null, zone: "CCTV", mac: OtherCameraMac), To("198.51.100.1"), Noon).Scope.Kind);
    }

    [Fact]
    public void Watch_scopes_are_not_restricted_but_their_deny_rules_still_apply()
    {
        var policy = PolicyText.LoadClean("""
            schema: 1
            classes:
              office:
                action: watch
                deny: [country:KP]
            """);
        var office = Of(DeviceClass.Office);
        Assert.Equal(PolicyAction.NotRestricted, policy.Evaluate(office, To("8.8.8.8", country: "US"), Noon).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(office, To("175.45.176.1", country: "KP"), Noon).Action);
        Assert.False(policy.IsRestricted(office));
    }

    [Fact]
    public void A_file_without_a_default_watches_everything()
    {
        var policy = PolicyText.LoadClean("schema: 1\n");
        var decision = policy.Evaluate(Of(DeviceClass.Server), To("8.8.8.8"), Noon);
        Assert.Equal(PolicyAction.NotRestricted, decision.Action);
        Assert.Equal(ScopeDefault.Watch, policy.Default.DefaultAction);
    }

    [Fact]
    public void The_shipped_policy_keeps_cameras_inside_and_explains_why()
    {
        var policy = PolicySet.Load(Path.Combine(SignaturesDirectory(), PolicySet.FileName));
        var lines = File.ReadAllLines(Path.Combine(SignaturesDirectory(), PolicySet.FileName));

        var denied = policy.Evaluate(Camera(), To("47.88.1.2", name: "api.hik-connect.com", country: "CN"), Noon);
        Assert.Equal(PolicyAction.Deny, denied.Action);
        Assert.Null(denied.Rule);
        Assert.Equal("cameras may only talk to internal addresses and the council's DNS/NTP servers", denied.Reason);
        var line = int.Parse(denied.PolicyLine.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"policy.yaml:{line}: action: deny", denied.PolicyLine);
        Assert.Equal("action: deny", lines[line - 1].Trim());
        Assert.Equal("camera:", lines[line - 2].Trim());                      // the camera scope's own line

        var nvr = policy.Evaluate(new PolicySubject(OtherCameraMac, null, DeviceClass.Nvr, null), To("10.10.0.21", 554), Noon);
        Assert.Equal(PolicyAction.Allow, nvr.Action);
        Assert.StartsWith("policy.yaml:", nvr.PolicyLine, StringComparison.Ordinal);
        Assert.EndsWith(": - internal", nvr.PolicyLine, StringComparison.Ordinal);

        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Of(DeviceClass.IotSensor), To("52.1.1.1"), Noon).Action);
        Assert.Equal(PolicyAction.NotRestricted, policy.Evaluate(Of(DeviceClass.Office), To("52.1.1.1"), Noon).Action);
        Assert.True(policy.IsRestricted(Camera()));
        Assert.False(policy.IsRestricted(Of(DeviceClass.Office)));
        Assert.Equal(["CN", "IR", "KP", "RU"], policy.RestrictedCountries.Order(StringComparer.Ordinal));
        Assert.True(policy.IsRestrictedCountry("cn"));
        Assert.False(policy.IsRestrictedCountry("GB"));
        Assert.Contains("restricted-countries: [CN, RU, IR, KP]", policy.RestrictedCountriesSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_reasons_say_what_the_rule_covers()
    {
        var policy = PolicyText.LoadClean("""
            schema: 1
            classes:
              iot-sensor:
                action: deny
                allow:
                  - internal
                  - { to: "*.example.com", ports: tcp/443 }
                deny:
                  - { to: country:RU, hours: 22:00-06:00 }
            """);
        var sensor = Of(DeviceClass.IotSensor);
        Assert.Equal("IoT sensors may only talk to internal addresses and *.example.com on tcp/443",
            policy.Evaluate(sensor, To("8.8.8.8"), Noon).Reason);
        Assert.Equal("IoT sensors may talk to *.example.com on tcp/443",
            policy.Evaluate(sensor, To("8.8.8.8", name: "a.example.com"), Noon).Reason);
        Assert.Equal("IoT sensors must not talk to country RU between 22:00 and 06:00",
            policy.Evaluate(sensor, To("5.5.5.5", country: "RU"), At(2025, 1, 1, 23, 0)).Reason);
    }

    [Fact]
    public void A_decision_names_the_exact_rule_line()
    {
        const string yaml = """
            schema: 1
            classes:
              camera:
                action: deny
                allow:
                  - internal   # cameras talk to the NVR
                  - to: 203.0.113.0/24
                    ports: tcp/443
                    reason: the CCTV maintenance contractor's portal
            """;
        var policy = PolicyText.LoadClean(yaml);
        var decision = policy.Evaluate(Camera(), To("203.0.113.50"), Noon);
        Assert.Equal(PolicyAction.Allow, decision.Action);
        Assert.Equal($"policy.yaml:{PolicyText.LineOf(yaml, "- to: 203.0.113.0/24")}: - to: 203.0.113.0/24", decision.PolicyLine);
        Assert.Equal(7, decision.Rule!.Line);
        Assert.Equal("the CCTV maintenance contractor's portal", decision.Reason);
        Assert.Equal("policy.yaml:6: - internal", policy.Evaluate(Camera(), To("10.0.0.1"), Noon).PolicyLine);
    }

    [Fact]
    public void Evaluate_does_not_allocate()
    {
        var policy = PolicyText.LoadClean(Layered.Replace("action: allow", "action: allow\n  deny: [{ to: country:KP, hours: 22:00-06:00 }]", StringComparison.Ordinal));
        var subject = Camera();
        var target = To("198.51.100.1", name: "x.example.com", country: "GB", asn: 15169);
        for (var i = 0; i < 1000; i++)
        {
            policy.Evaluate(in subject, in target, Noon);                   // warm up (tiered JIT)
        }
        var allocated = TrafficWatch.Tests.Support.Allocations.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                policy.Evaluate(in subject, in target, Noon);
            }
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Evaluate_with_a_local_time_zone_window_does_not_allocate()
    {
        var policy = PolicyText.LoadClean("""
            schema: 1
            timezone: Europe/London
            classes:
              office:
                action: allow
                deny: [{ to: external, hours: 22:00-06:00 }]
            """);
        var subject = Of(DeviceClass.Office);
        var target = To("8.8.8.8");
        for (var i = 0; i < 1000; i++)
        {
            policy.Evaluate(in subject, in target, Noon.AddSeconds(i));
        }
        var allocated = TrafficWatch.Tests.Support.Allocations.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                policy.Evaluate(in subject, in target, Noon.AddSeconds(i * 60));
            }
        });
        Assert.Equal(0, allocated);
    }

    internal static string SignaturesDirectory() => SignaturePaths.FindDefault();
}
