using TrafficWatch.Detection;
using TrafficWatch.Outputs.Email;

namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>The scheduler works in packet time only: windows are aligned, and the same alerts give the same mails.</summary>
public sealed class AlertMailSchedulerTests
{
    [Fact]
    public void Replaying_the_same_alerts_plans_the_same_mails_whatever_the_wall_clock()
    {
        static List<string> Run()
        {
            var options = TestAlerts.Options(25, "unused", maxMailsPerHour: 3);
            var plans = new List<string>();
            var scheduler = new AlertMailScheduler(options, p =>
                plans.Add($"{p.Kind} {p.At.Nanoseconds} {p.AlertCount} {p.SuppressedBefore} {string.Join(',', p.Groups.Select(g => g.Rule + "/" + g.Count))}"));
            for (var i = 0; i < 200; i++)
            {
                var severity = i % 7 == 0 ? AlertSeverity.High : AlertSeverity.Low;
                scheduler.Add(TestAlerts.Make(severity, atSeconds: i * 37, rule: i % 3 == 0 ? "exfil-volume" : "vendor-cloud"));
                if (i % 10 == 0)
                {
                    scheduler.AdvanceTo(TestAlerts.T0.AddSeconds(i * 37 + 1));
                }
            }
            scheduler.Complete(TestAlerts.T0.AddSeconds(200 * 37));
            return plans;
        }

        var first = Run();
        Thread.Sleep(50);
        var second = Run();

        Assert.Equal(first, second);
        Assert.NotEmpty(first);
    }

    [Fact]
    public void A_digest_window_is_aligned_to_its_length_and_closes_when_packet_time_reaches_its_end()
    {
        var options = TestAlerts.Options(25, "unused");
        options.DigestWindow = TimeSpan.FromMinutes(10);
        var plans = new List<MailPlan>();
        var scheduler = new AlertMailScheduler(options, plans.Add);

        scheduler.Add(TestAlerts.Make(atSeconds: 7 * 60));     // 15:07, window 15:00-15:10
        scheduler.Add(TestAlerts.Make(atSeconds: 9 * 60 + 59));
        scheduler.AdvanceTo(TestAlerts.T0.AddSeconds(9 * 60 + 59.9));
        Assert.Empty(plans);
        scheduler.Add(TestAlerts.Make(atSeconds: 10 * 60));    // 15:10 closes the first window, opens the next

        var digest = Assert.Single(plans);
        Assert.Equal(AlertMailKind.Digest, digest.Kind);
        Assert.Equal(TestAlerts.T0, digest.WindowStart);
        Assert.Equal(TestAlerts.T0.AddSeconds(600), digest.At);
        Assert.Equal(2, Assert.Single(digest.Groups).Count);
        scheduler.Complete(TestAlerts.T0.AddSeconds(700));
        Assert.Equal(2, plans.Count);
        Assert.Equal(TestAlerts.T0.AddSeconds(600), plans[1].At); // the last alert's time, not the wall clock
    }

    [Fact]
    public void Alerts_no_route_wants_are_counted_as_unrouted()
    {
        var options = TestAlerts.Options(25, "unused");
        options.DefaultRoute!.MinSeverity = AlertSeverity.High;
        var plans = new List<MailPlan>();
        var scheduler = new AlertMailScheduler(options, plans.Add);

        scheduler.Add(TestAlerts.Make(AlertSeverity.Low));
        scheduler.Complete(TestAlerts.T0.AddSeconds(1));

        Assert.Empty(plans);
        Assert.Equal(1, scheduler.UnroutedAlerts);
    }

    [Fact]
    public void When_the_cap_frees_up_a_notice_states_the_suppressed_count_without_waiting_for_the_next_alert()
    {
        var options = TestAlerts.Options(25, "unused", maxMailsPerHour: 1);
        var plans = new List<MailPlan>();
        var scheduler = new AlertMailScheduler(options, plans.Add);

        scheduler.Add(TestAlerts.Make(AlertSeverity.High, atSeconds: 0));
        scheduler.Add(TestAlerts.Make(AlertSeverity.High, atSeconds: 10));
        scheduler.Add(TestAlerts.Make(AlertSeverity.High, atSeconds: 20));
        scheduler.AdvanceTo(TestAlerts.T0.AddSeconds(3_599));
        Assert.Single(plans);
        scheduler.AdvanceTo(TestAlerts.T0.AddSeconds(3_600));

        Assert.Equal(2, plans.Count);
        Assert.Equal(AlertMailKind.SuppressionNotice, plans[1].Kind);
        Assert.Equal(2, plans[1].SuppressedBefore);
        Assert.Equal(TestAlerts.T0.AddSeconds(10), plans[1].SuppressedSince);
        scheduler.Complete(TestAlerts.T0.AddSeconds(4_000));
        Assert.Equal(2, plans.Count); // nothing left to report
    }
}
