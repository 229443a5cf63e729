using TrafficWatch.Attribution;
using TrafficWatch.Decode;
using TrafficWatch.Detection.Policy;
using TrafficWatch.Enrichment;
using TrafficWatch.Tests.Enrichment;
using Xunit.Abstractions;
using static TrafficWatch.Tests.Detection.Policy.Targets;

namespace TrafficWatch.Tests.Detection.Policy;

/// <summary>Policy decisions on targets enriched from MaxMind's real test databases.</summary>
public sealed class PolicyWithGeoIpTests(ITestOutputHelper output)
{
    [Fact]
    public void Country_and_ASN_rules_work_on_GeoIP_answers_and_internal_addresses_are_not_looked_up()
    {
        if (!GeoIpTestData.TryLocate(output, out var dir))
        {
            return;
        }
        using var geo = GeoIpDatabases.Open(Path.Combine(dir, "GeoIP2-Country-Test.mmdb"), Path.Combine(dir, "GeoLite2-ASN-Test.mmdb"), null);
        var policy = PolicyText.LoadClean("""
            schema: 1
            classes:
              iot-sensor:
                action: deny
                allow: [internal, country:GB, AS35994]
            """);
        var scope = policy.CreateAddressScope();
        var sensor = Of(DeviceClass.IotSensor);

        var london = PolicyTarget.Create(IpAddr.Parse("2a02:d3c0::1"), 443, PortRange.Tcp, null, scope, geo);
        Assert.Equal("GB", london.Country);
        Assert.Equal(PolicyAction.Allow, policy.Evaluate(sensor, london, Noon).Action);

        var beijing = PolicyTarget.Create(IpAddr.Parse("2001:250::1"), 443, PortRange.Tcp, null, scope, geo);
        Assert.Equal("CN", beijing.Country);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(sensor, beijing, Noon).Action);
        Assert.True(policy.IsRestrictedCountry(beijing.Country));

        var akamai = PolicyTarget.Create(IpAddr.Parse("23.32.0.1"), 443, PortRange.Tcp, null, scope, geo);
        Assert.Equal(35994u, akamai.Asn);
        Assert.Equal(PolicyAction.Allow, policy.Evaluate(sensor, akamai, Noon).Action);

        var china169 = PolicyTarget.Create(IpAddr.Parse("27.192.0.1"), 443, PortRange.Tcp, null, scope, geo);
        Assert.Equal(4837u, china169.Asn);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(sensor, china169, Noon).Action);

        var misses = geo.CacheMisses;
        var nvr = PolicyTarget.Create(IpAddr.Parse("10.10.0.10"), 554, PortRange.Tcp, null, scope, geo);
        Assert.True(nvr.IsInternal);
        Assert.Null(nvr.Country);
        Assert.Equal(misses, geo.CacheMisses);                               // no GeoIP lookup for internal addresses
        Assert.Equal(PolicyAction.Allow, policy.Evaluate(sensor, nvr, Noon).Action);
    }
}
