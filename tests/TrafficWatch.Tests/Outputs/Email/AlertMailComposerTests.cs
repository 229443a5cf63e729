using TrafficWatch.Detection;
using TrafficWatch.Outputs.Email;

namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>Composition cases the end-to-end tests do not reach.</summary>
public sealed class AlertMailComposerTests
{
    [Fact]
    public void A_device_only_alert_without_grafana_has_no_destination_section_and_no_link()
    {
        var options = TestAlerts.Options(25, "unused");
        options.GrafanaUrl = null;
        var alert = TestAlerts.Make(AlertSeverity.High, name: null, zone: null) with
        {
            Rule = "new-device",
            Destination = null,
            Device = TestAlerts.Make().Device with { Name = null, Zone = null, Vendor = null, Registered = false },
        };

        var message = new AlertMailComposer(options).Compose(new MailPlan
        {
            Kind = AlertMailKind.Immediate,
            RouteIndex = 0,
            Route = options.DefaultRoute!,
            At = alert.Timestamp,
            WindowStart = alert.Timestamp,
            Groups = [new AlertGroup(alert)],
        });

        Assert.Equal("[TrafficWatch] HIGH new-device: 02:00:5e:10:00:01 (no zone)", message.Subject);
        var text = message.TextBody ?? string.Empty;
        Assert.DoesNotContain("Destination", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Dashboard", text, StringComparison.Ordinal);
        Assert.Contains("not registered", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href", message.HtmlBody ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_mail_gets_its_own_message_id_on_the_sender_domain()
    {
        var options = TestAlerts.Options(25, "unused");
        var composer = new AlertMailComposer(options);
        var plan = new MailPlan
        {
            Kind = AlertMailKind.Immediate,
            RouteIndex = 0,
            Route = options.DefaultRoute!,
            At = TestAlerts.T0,
            Groups = [new AlertGroup(TestAlerts.Make(AlertSeverity.High))],
        };

        var a = composer.Compose(plan).MessageId;
        var b = composer.Compose(plan).MessageId;

        Assert.NotEqual(a, b);
        Assert.EndsWith("@council.example", a, StringComparison.Ordinal);
    }
}
