using TrafficWatch.Attribution;
using TrafficWatch.Detection.Policy;
using static TrafficWatch.Tests.Detection.Policy.Targets;

namespace TrafficWatch.Tests.Detection.Policy;

/// <summary>Each matcher with a positive case and the near miss just outside it.</summary>
public sealed class PolicyMatcherTests
{
    private static PolicySet AllowOnly(string rule) => PolicyText.LoadClean($"""
        schema: 1
        classes:
          camera:
            action: deny
            allow:
              - {rule}
        """);

    private static PolicyAction Judge(PolicySet policy, PolicyTarget target, PacketTime? time = null)
        => policy.Evaluate(Camera(), target, time ?? Noon).Action;

    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.0", PolicyAction.Allow)]      // first address
    [InlineData("203.0.113.0/24", "203.0.113.255", PolicyAction.Allow)]    // last address
    [InlineData("203.0.113.0/24", "203.0.112.255", PolicyAction.Deny)]     // one below
    [InlineData("203.0.113.0/24", "203.0.114.0", PolicyAction.Deny)]       // one above
    [InlineData("198.51.100.7", "198.51.100.7", PolicyAction.Allow)]       // bare address = /32
    [InlineData("198.51.100.7", "198.51.100.8", PolicyAction.Deny)]
    [InlineData("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", PolicyAction.Allow)]
    [InlineData("2001:db8::/32", "2001:db9::", PolicyAction.Deny)]
    [InlineData("0.0.0.0/0", "8.8.8.8", PolicyAction.Allow)]               // every IPv4 address ...
    [InlineData("0.0.0.0/0", "2001:4860::8888", PolicyAction.Deny)]        // ... but no IPv6 one
    public void CIDR_rules_cover_exactly_their_range(string rule, string address, PolicyAction expected)
        => Assert.Equal(expected, Judge(AllowOnly(rule), To(address)));

    [Theory]
    [InlineData("\"*.example.com\"", "cloud.example.com", PolicyAction.Allow)]
    [InlineData("\"*.example.com\"", "a.b.example.com", PolicyAction.Allow)]
    [InlineData("\"*.example.com\"", "CLOUD.Example.COM.", PolicyAction.Allow)]   // case and root dot ignored
    [InlineData("\"*.example.com\"", "example.com", PolicyAction.Deny)]           // the apex is not a subdomain
    [InlineData("\"*.example.com\"", "badexample.com", PolicyAction.Deny)]        // suffix without a dot boundary
    [InlineData("\"*.example.com\"", "example.com.evil.net", PolicyAction.Deny)]
    [InlineData("example.com", "example.com", PolicyAction.Allow)]                // the apex alone ...
    [InlineData("example.com", "www.example.com", PolicyAction.Deny)]             // ... does not cover subdomains
    public void Domain_patterns_separate_apex_and_subdomains(string rule, string name, PolicyAction expected)
        => Assert.Equal(expected, Judge(AllowOnly(rule), To("93.184.216.34", name: name)));

    [Fact]
    public void A_domain_rule_never_matches_a_flow_without_a_name()
        => Assert.Equal(PolicyAction.Deny, Judge(AllowOnly("\"*.example.com\""), To("93.184.216.34")));

    [Theory]
    [InlineData("GB", PolicyAction.Allow)]
    [InlineData("gb", PolicyAction.Allow)]
    [InlineData("IE", PolicyAction.Deny)]
    [InlineData(null, PolicyAction.Deny)]
    public void Country_rules_match_the_GeoIP_country(string? country, PolicyAction expected)
        => Assert.Equal(expected, Judge(AllowOnly("country:GB"), To("81.2.69.160", country: country)));

    [Theory]
    [InlineData("AS15169", 15169u, PolicyAction.Allow)]
    [InlineData("asn:15169", 15169u, PolicyAction.Allow)]
    [InlineData("AS15169", 15170u, PolicyAction.Deny)]
    [InlineData("AS15169", null, PolicyAction.Deny)]
    public void ASN_rules_match_the_GeoIP_AS_number(string rule, uint? asn, PolicyAction expected)
        => Assert.Equal(expected, Judge(AllowOnly(rule), To("8.8.8.8", asn: asn)));

    [Theory]
    [InlineData("tcp/8000-8100", 8000, PortRange.Tcp, PolicyAction.Allow)]
    [InlineData("tcp/8000-8100", 8100, PortRange.Tcp, PolicyAction.Allow)]
    [InlineData("tcp/8000-8100", 7999, PortRange.Tcp, PolicyAction.Deny)]
    [InlineData("tcp/8000-8100", 8101, PortRange.Tcp, PolicyAction.Deny)]
    [InlineData("tcp/8000-8100", 8050, PortRange.Udp, PolicyAction.Deny)]     // right port, wrong protocol
    [InlineData("\"443\"", 443, PortRange.Udp, PolicyAction.Allow)]            // bare port: TCP or UDP
    [InlineData("\"443\"", 443, PortRange.Tcp, PolicyAction.Allow)]
    [InlineData("\"443\"", 443, (byte)132, PolicyAction.Deny)]                 // SCTP is neither
    [InlineData("udp", 5353, PortRange.Udp, PolicyAction.Allow)]
    [InlineData("icmp", 0, PortRange.Icmp, PolicyAction.Allow)]
    [InlineData("icmp", 0, PortRange.IcmpV6, PolicyAction.Deny)]
    [InlineData("proto/47", 0, (byte)47, PolicyAction.Allow)]
    public void Port_rules_match_protocol_and_range(string ports, int port, byte protocol, PolicyAction expected)
    {
        var policy = AllowOnly($$"""{ to: any, ports: {{ports}} }""");
        Assert.Equal(expected, Judge(policy, To("8.8.8.8", (ushort)port, protocol)));
    }

    [Fact]
    public void Destinations_and_ports_must_both_match()
    {
        var policy = AllowOnly("""{ to: ["*.example.com", 203.0.113.0/24], ports: [tcp/443, udp/123] }""");
        Assert.Equal(PolicyAction.Allow, Judge(policy, To("203.0.113.9", 443)));
        Assert.Equal(PolicyAction.Allow, Judge(policy, To("198.51.100.1", 123, PortRange.Udp, name: "ntp.example.com")));
        Assert.Equal(PolicyAction.Deny, Judge(policy, To("203.0.113.9", 80)));
        Assert.Equal(PolicyAction.Deny, Judge(policy, To("198.51.100.1", 443)));
    }

    [Theory]
    [InlineData(22, 0, PolicyAction.Deny)]      // start is inclusive
    [InlineData(23, 59, PolicyAction.Deny)]
    [InlineData(0, 0, PolicyAction.Deny)]       // across midnight
    [InlineData(5, 59, PolicyAction.Deny)]
    [InlineData(6, 0, PolicyAction.Allow)]      // end is exclusive
    [InlineData(21, 59, PolicyAction.Allow)]
    [InlineData(12, 0, PolicyAction.Allow)]
    public void Time_windows_cross_midnight(int hour, int minute, PolicyAction expected)
    {
        var policy = PolicyText.LoadClean("""
            schema: 1
            classes:
              office:
                action: allow
                deny:
                  - to: external
                    hours: 22:00-06:00
            """);
        var decision = policy.Evaluate(Of(DeviceClass.Office), To("8.8.8.8"), At(2025, 1, 15, hour, minute));
        Assert.Equal(expected, decision.Action);
    }

    [Fact]
    public void Time_windows_do_not_touch_internal_traffic_when_they_say_external()
    {
        var policy = PolicyText.LoadClean("""
            schema: 1
            classes:
              office:
                action: allow
                deny: [{ to: external, hours: 22:00-06:00 }]
            """);
        Assert.Equal(PolicyAction.Allow, policy.Evaluate(Of(DeviceClass.Office), To("10.0.0.80"), At(2025, 1, 15, 23, 0)).Action);
    }

    [Theory]
    [InlineData(2025, 1, 15, 21, 30, PolicyAction.Allow)]   // winter: London = UTC, 21:30 local
    [InlineData(2025, 1, 15, 22, 30, PolicyAction.Deny)]    // 22:30 local
    [InlineData(2025, 6, 2, 21, 30, PolicyAction.Deny)]     // summer: 22:30 BST
    [InlineData(2025, 6, 2, 5, 30, PolicyAction.Allow)]     // 06:30 BST
    [InlineData(2025, 6, 2, 4, 59, PolicyAction.Deny)]      // 05:59 BST
    public void Time_windows_use_the_policy_time_zone(int y, int mo, int d, int h, int mi, PolicyAction expected)
    {
        var policy = PolicyText.LoadClean("""
            schema: 1
            timezone: Europe/London
            classes:
              office:
                action: allow
                deny: [{ to: external, hours: 22:00-06:00 }]
            """);
        Assert.Equal(expected, policy.Evaluate(Of(DeviceClass.Office), To("8.8.8.8"), At(y, mo, d, h, mi)).Action);
    }

    [Theory]
    [InlineData("10.0.0.53", 53, PortRange.Udp, PolicyAction.Allow)]
    [InlineData("8.8.8.8", 53, PortRange.Udp, PolicyAction.Allow)]      // the council's (external) resolver
    [InlineData("8.8.8.8", 853, PortRange.Tcp, PolicyAction.Allow)]     // DNS over TLS
    [InlineData("8.8.8.8", 443, PortRange.Tcp, PolicyAction.Deny)]      // same server, not DNS
    [InlineData("8.8.4.4", 53, PortRange.Udp, PolicyAction.Deny)]       // DNS, but not the council's server
    [InlineData("162.159.200.1", 123, PortRange.Udp, PolicyAction.Allow)]
    [InlineData("162.159.200.1", 123, PortRange.Tcp, PolicyAction.Deny)]
    [InlineData("162.159.200.1", 53, PortRange.Udp, PolicyAction.Deny)] // the NTP server is not a DNS server
    public void DNS_and_NTP_servers_are_allowed_for_their_service_only(string address, int port, byte protocol, PolicyAction expected)
    {
        var policy = PolicyText.LoadClean("""
            schema: 1
            dns-servers: [10.0.0.53, 8.8.8.8]
            ntp-servers: [162.159.200.1]
            classes:
              camera:
                action: deny
                allow: [dns-servers, ntp-servers]
            """);
        var target = To(address, (ushort)port, protocol);
        var expectedAction = address == "10.0.0.53" ? PolicyAction.Allow : expected;
        Assert.Equal(expectedAction, Judge(policy, target));
    }

    [Theory]
    [InlineData("10.10.0.10", PolicyAction.Allow)]      // RFC 1918
    [InlineData("100.64.0.1", PolicyAction.Allow)]      // CGNAT
    [InlineData("fd00::1", PolicyAction.Allow)]         // ULA
    [InlineData("239.255.255.250", PolicyAction.Allow)] // SSDP multicast
    [InlineData("172.32.0.1", PolicyAction.Deny)]       // just past 172.16/12
    [InlineData("100.128.0.1", PolicyAction.Deny)]      // just past 100.64/10
    public void The_internal_selector_follows_the_address_scope(string address, PolicyAction expected)
        => Assert.Equal(expected, Judge(AllowOnly("internal"), To(address)));
}
