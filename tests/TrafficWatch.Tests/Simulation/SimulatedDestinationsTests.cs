using System.Net;
using TrafficWatch.Simulation;

namespace TrafficWatch.Tests.Simulation;

public sealed class SimulatedDestinationsTests
{
    [Fact]
    public void Every_destination_is_external_unique_and_has_geography()
    {
        var all = SimulatedDestinations.All;

        Assert.Equal(all.Count, all.Select(static d => d.Address).Distinct().Count());
        Assert.All(all, static d =>
        {
            var b = d.Address.GetAddressBytes();
            Assert.False(b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168), d.Address.ToString());
            Assert.Matches("^[A-Z]{2}$", d.CountryIsoCode);
            Assert.True(d.Asn > 0);
            Assert.False(string.IsNullOrWhiteSpace(d.Organisation));
        });
    }

    [Fact]
    public void Vendor_cloud_is_the_Hik_Connect_name_on_Alibaba()
    {
        var cloud = Assert.Single(SimulatedDestinations.All, static d => d.Purpose == DestinationPurpose.VendorCloud);

        Assert.EndsWith(".hik-connect.com", cloud.Name, StringComparison.Ordinal);
        Assert.True(IPNetwork.Parse("47.88.0.0/16").Contains(cloud.Address));
    }

    [Fact]
    public void Each_violation_scenario_has_a_known_rule_name()
    {
        Assert.Equal(7, SimulationScenarios.Violations.Count);
        Assert.Empty(SimulationScenarios.ViolationsOf(SimulationScenarios.Normal));
        Assert.Equal(SimulationScenarios.Violations, SimulationScenarios.ViolationsOf(SimulationScenarios.Default));
        Assert.All(SimulationScenarios.Violations, static v => Assert.Equal([v], SimulationScenarios.ViolationsOf(v)));
    }
}
