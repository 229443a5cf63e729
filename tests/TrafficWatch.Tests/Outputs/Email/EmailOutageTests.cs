using MimeKit;
using SmtpServer.Protocol;
using TrafficWatch.Detection;
using TrafficWatch.Outputs.Email;
using TrafficWatch.Tests.Capture;
using TrafficWatch.Tests.Metrics;

namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>Durable delivery: alerts fired while the server is down arrive exactly once when it is back, a restart
/// sends what an earlier run left, an entry journaled as delivered is never resent, refusals are sorted.</summary>
public sealed class EmailOutageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Outbox => _dir.File("outbox");

    [Fact]
    public async Task Alerts_fired_while_the_server_is_down_all_arrive_exactly_once_when_it_comes_back()
    {
        var port = TestSmtpServer.FreePort();
        var options = TestAlerts.Options(port, Outbox);
        await using var sink = new EmailAlertSink(options);
        for (var i = 0; i < 6; i++)
        {
            sink.OnAlert(TestAlerts.Make(AlertSeverity.High, atSeconds: i, name: $"cam-{i}"));
        }
        await Eventually.True(() => sink.Counters.FailedAttempts >= 3, "three failed attempts");
        Assert.Equal(6, sink.Counters.Queued);
        Assert.Equal(0, sink.Counters.Sent);
        var messageIds = Directory.GetFiles(Outbox, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f).MessageId).ToList();

        await using var server = await TestSmtpServer.StartAsync(new TestSmtpServerSettings { Port = port });
        Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(20)));
        await Task.Delay(300); // a duplicate would show up here

        var received = server.Received;
        Assert.Equal(messageIds, received.Select(m => m.Message.MessageId));
        Assert.Equal([.. Enumerable.Range(0, 6).Select(i => $"[TrafficWatch] HIGH unapproved-destination: cam-{i} (zone cameras)")], received.Select(m => m.Subject));
        Assert.Equal(6, sink.Counters.Sent);
        Assert.Equal(0, sink.Counters.Queued);
        Assert.Empty(Directory.GetFiles(Outbox, "*.eml"));
    }

    [Fact]
    public async Task A_new_sender_over_the_same_outbox_sends_what_the_last_run_left_once()
    {
        var port = TestSmtpServer.FreePort();
        var options = TestAlerts.Options(port, Outbox);
        await using (var first = new EmailAlertSink(options))
        {
            for (var i = 0; i < 3; i++)
            {
                first.OnAlert(TestAlerts.Make(AlertSeverity.High, atSeconds: i, name: $"cam-{i}"));
            }
            first.OnAlert(TestAlerts.Make(AlertSeverity.Medium, atSeconds: 5, name: "cam-digest"));
            first.Complete(TestAlerts.T0.AddSeconds(10)); // the open digest is flushed into the outbox too
            Assert.False(await first.DrainAsync(TimeSpan.FromMilliseconds(300)));
        }
        Assert.Equal(4, Directory.GetFiles(Outbox, "*.eml").Length);

        await using var server = await TestSmtpServer.StartAsync(new TestSmtpServerSettings { Port = port });
        var logger = new TestLogger<EmailAlertSink>();
        await using (var second = new EmailAlertSink(options, logger))
        {
            Assert.True(await second.DrainAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(4, second.Counters.Sent);
        }
        Assert.Contains(logger.Entries, e => e.Id.Id == 5202 && e.Text.Contains("4 mail(s) from an earlier run", StringComparison.Ordinal));
        await using (var third = new EmailAlertSink(options))
        {
            Assert.True(await third.DrainAsync(TimeSpan.FromSeconds(5)));
            Assert.Equal(0, third.Counters.Sent);
        }

        Assert.Equal(
            ["[TrafficWatch] HIGH unapproved-destination: cam-0 (zone cameras)",
             "[TrafficWatch] HIGH unapproved-destination: cam-1 (zone cameras)",
             "[TrafficWatch] HIGH unapproved-destination: cam-2 (zone cameras)",
             "[TrafficWatch] Digest, 1 alert from 1 device: MEDIUM unapproved-destination: cam-digest (zone cameras)"],
            server.Received.Select(m => m.Subject));
    }

    [Fact]
    public async Task An_entry_journaled_as_delivered_before_a_crash_is_removed_not_sent_again()
    {
        var options = TestAlerts.Options(TestSmtpServer.FreePort(), Outbox);
        var composer = new AlertMailComposer(options);
        var outbox = new MailOutbox(Outbox, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var route = options.DefaultRoute!;
        MimeMessage Mail(string name) => composer.Compose(new MailPlan
        {
            Kind = AlertMailKind.Immediate,
            RouteIndex = 0,
            Route = route,
            At = TestAlerts.T0,
            WindowStart = TestAlerts.T0,
            Groups = [new AlertGroup(TestAlerts.Make(AlertSeverity.High, name: name))],
        });
        var delivered = Mail("cam-delivered");
        var deliveredEntry = outbox.Enqueue(delivered);
        outbox.Enqueue(Mail("cam-pending"));
        // The crash: the server said 250 and the journal line was written, but the file was never deleted.
        File.AppendAllText(Path.Combine(Outbox, MailOutbox.JournalName), $"{deliveredEntry.Name}\t{delivered.MessageId}\n");
        outbox.Dispose(); // the crash

        await using var server = await TestSmtpServer.StartAsync();
        options.Port = server.Port;
        await using (var sink = new EmailAlertSink(options))
        {
            Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(1, sink.Counters.Sent);
        }
        await Task.Delay(200);

        var mail = Assert.Single(server.Received);
        Assert.StartsWith("[TrafficWatch] HIGH unapproved-destination: cam-pending", mail.Subject, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Outbox, MailOutbox.JournalName)));
    }

    [Fact]
    public void A_journal_line_with_another_message_id_does_not_suppress_a_different_mail_under_the_same_name()
    {
        var options = TestAlerts.Options(TestSmtpServer.FreePort(), Outbox);
        var outbox = new MailOutbox(Outbox, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var message = new AlertMailComposer(options).Compose(new MailPlan
        {
            Kind = AlertMailKind.Immediate,
            RouteIndex = 0,
            Route = options.DefaultRoute!,
            At = TestAlerts.T0,
            Groups = [new AlertGroup(TestAlerts.Make(AlertSeverity.High))],
        });
        var entry = outbox.Enqueue(message);
        File.AppendAllText(Path.Combine(Outbox, MailOutbox.JournalName), $"{entry.Name}\tsomething-else@council.example\n");

        outbox.Dispose();
        using var reopened = new MailOutbox(Outbox, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.Equal(1, reopened.Count);
        Assert.Equal(0, reopened.AlreadyDelivered);
    }

    [Fact]
    public async Task A_second_process_cannot_open_an_outbox_in_use_so_it_cannot_send_the_same_entries()
    {
        var options = TestAlerts.Options(TestSmtpServer.FreePort(), Outbox);
        await using (var first = new EmailAlertSink(options))
        {
            var ex = Assert.Throws<IOException>(() => new EmailAlertSink(options));
            Assert.Contains("is in use by another TrafficWatch process", ex.Message, StringComparison.Ordinal);
        }
        await using var after = new EmailAlertSink(options); // released on dispose
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried_and_the_mail_arrives_once()
    {
        await using var server = await TestSmtpServer.StartAsync(new TestSmtpServerSettings
        {
            Reply = n => n < 2 ? new SmtpResponse((SmtpReplyCode)451, "4.3.0 try again later") : null,
        });
        await using (var sink = new EmailAlertSink(TestAlerts.Options(server.Port, Outbox)))
        {
            sink.OnAlert(TestAlerts.Make(AlertSeverity.High));
            Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(2, sink.Counters.FailedAttempts);
            Assert.Equal(1, sink.Counters.Sent);
        }

        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_mail_refused_for_good_moves_to_failed_and_does_not_block_the_next()
    {
        await using var server = await TestSmtpServer.StartAsync(new TestSmtpServerSettings
        {
            Reply = n => n == 0 ? new SmtpResponse(SmtpReplyCode.TransactionFailed, "5.7.1 message content rejected") : null,
        });
        var logger = new TestLogger<EmailAlertSink>();
        await using (var sink = new EmailAlertSink(TestAlerts.Options(server.Port, Outbox), logger))
        {
            sink.OnAlert(TestAlerts.Make(AlertSeverity.High, name: "cam-refused"));
            sink.OnAlert(TestAlerts.Make(AlertSeverity.High, atSeconds: 1, name: "cam-next"));
            Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(1, sink.Counters.Refused);
            Assert.Equal(1, sink.Counters.Sent);
        }

        Assert.Contains("cam-next", Assert.Single(server.Received).Subject, StringComparison.Ordinal);
        var failed = Assert.Single(Directory.GetFiles(Path.Combine(Outbox, MailOutbox.FailedFolder)));
        Assert.Contains("cam-refused", MimeMessage.Load(failed).Subject ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, e => e.Id.Id == 5205 && e.Text.Contains("554", StringComparison.Ordinal));
    }
}
