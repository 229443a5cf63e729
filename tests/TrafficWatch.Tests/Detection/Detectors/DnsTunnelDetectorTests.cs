using System.Text;
using TrafficWatch.Detection;
using static TrafficWatch.Tests.Detection.Detectors.Facts;

namespace TrafficWatch.Tests.Detection.Detectors;

public sealed class DnsTunnelDetectorTests
{
    private readonly CollectingAlertSink _sink = new();
    private readonly DnsTunnelDetector _detector = new(new DnsTunnelOptions());

    private void Ask(string name, double seconds, int camera = 1)
        => _detector.OnDnsQuery(new DnsQueryFacts(Camera(camera), true, name, 16, At(seconds)), _sink);

    /// <summary>What iodine/dnscat-style tools send: data encoded in base32, in labels up to the DNS maximum.</summary>
    private static string Base32Label(Random random, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(alphabet[random.Next(alphabet.Length)]);
        }
        return sb.ToString();
    }

    [Fact]
    public void Base32_labels_under_one_domain_look_like_tunnelling()
    {
        var random = new Random(1);
        for (var i = 0; i < 20; i++)
        {
            Ask($"{Base32Label(random, 24)}.t.exfil-example.com", i * 2);
        }
        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal(("dns-tunnel", 9100008, AlertSeverity.Medium), (alert.Rule, alert.SignatureId, alert.Severity));
        Assert.Null(alert.Destination);
        Assert.Matches(
            @"^Camera 'lobby-cam' \(Hikvision\) looked up 20 different names under exfil-example\.com in 38 s, 20 of them long random-looking strings "
            + @"such as '[a-z2-7]{24}\.t\.exfil-example\.com'; hiding data in DNS lookups like this \('DNS tunnelling'\) slips it past firewalls\.$",
            alert.Explanation);
    }

    [Fact]
    public void Nineteen_random_names_are_a_near_miss()
    {
        var random = new Random(2);
        for (var i = 0; i < 19; i++)
        {
            Ask($"{Base32Label(random, 24)}.exfil-example.com", i);
        }
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Long_labels_count_even_when_not_random()
    {
        for (var i = 0; i < 20; i++)
        {
            Ask($"{new string('a', 40)}{i:d3}.exfil-example.com", i);
        }
        Assert.Single(_sink.Alerts);
    }

    [Fact]
    public void Normal_cdn_and_cloud_names_do_not_look_like_tunnelling()
    {
        string[] names =
        [
            "www.example.com", "static.example.com", "img1.cdn.example.com", "img2.cdn.example.com", "api.example.com",
            "d1a2b3c4d5e6f7.cloudfront.net", "e1234.a.akamaiedge.net", "time.windows.com", "ocsp.digicert.com",
            "r3---sn-aigl6nzr.googlevideo.com", "r4---sn-aigl6nzr.googlevideo.com", "firmware-eu.hikvision.com", "p2p.hik-connect.com",
            "telemetry-eu-west-1.vendor.co.uk", "status.vendor.co.uk",
        ];
        for (var round = 0; round < 20; round++)
        {
            foreach (var name in names)
            {
                Ask(name, round * 25);
            }
        }
        Assert.Empty(_sink.Alerts);
    }

    [Theory]
    [InlineData(99, 0)]
    [InlineData(100, 1)]
    public void Many_unique_subdomains_alert_at_the_threshold(int count, int alerts)
    {
        for (var i = 0; i < count; i++)
        {
            Ask($"host{i}.many-names.example", i);
        }
        Assert.Equal(alerts, _sink.Alerts.Count);
    }

    [Fact]
    public void Lookups_spread_beyond_the_window_do_not_add_up()
    {
        var random = new Random(3);
        for (var i = 0; i < 40; i++)
        {
            Ask($"{Base32Label(random, 24)}.exfil-example.com", i * 35);   // 40 over 23 minutes: under 20 in any one window
        }
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Reverse_lookups_are_not_judged()
    {
        var random = new Random(4);
        for (var i = 0; i < 200; i++)
        {
            var nibbles = string.Join('.', Enumerable.Range(0, 32).Select(_ => "0123456789abcdef"[random.Next(16)]));
            Ask($"{nibbles}.ip6.arpa", i);
            Ask($"{i % 256}.{i / 256}.168.192.in-addr.arpa", i);
        }
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Names_under_a_public_second_level_suffix_group_by_their_owner()
    {
        var random = new Random(5);
        for (var i = 0; i < 20; i++)
        {
            Ask($"{Base32Label(random, 24)}.data.tunnel.co.uk", i);
        }
        Assert.Contains("under tunnel.co.uk", Assert.Single(_sink.Alerts).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tunnel_is_reported_once_per_cooldown_and_ignored_domains_never()
    {
        var random = new Random(6);
        for (var i = 0; i < 200; i++)
        {
            Ask($"{Base32Label(random, 30)}.exfil-example.com", i);
        }
        Assert.Single(_sink.Alerts);
        var ignoring = new DnsTunnelDetector(new DnsTunnelOptions { IgnoredDomains = ["exfil-example.com"] });
        for (var i = 0; i < 200; i++)
        {
            ignoring.OnDnsQuery(new DnsQueryFacts(Camera(), true, $"{Base32Label(random, 30)}.exfil-example.com", 1, At(i)), _sink);
        }
        Assert.Single(_sink.Alerts);
    }

    [Fact]
    public void Tracked_pairs_stay_bounded()
    {
        var detector = new DnsTunnelDetector(new DnsTunnelOptions { MaxPairs = 1_000 });
        for (var i = 0; i < 100_000; i++)
        {
            detector.OnDnsQuery(new DnsQueryFacts(Camera(i), true, $"www.site{i % 7}.example", 1, At(i * 0.01)), _sink);
        }
        Assert.InRange(detector.TrackedPairs, 1, 1_000);
        Assert.Empty(_sink.Alerts);
    }
}
