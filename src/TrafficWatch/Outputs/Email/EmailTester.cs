using System.Globalization;
using MimeKit;
using MimeKit.Utils;

namespace TrafficWatch.Outputs.Email;

/// <summary><c>trafficwatch email test</c>: sends one message with the current settings, straight to the server
/// (not through the outbox), and reports the outcome of the SMTP conversation in one line.</summary>
public static class EmailTester
{
    /// <summary>Sends to <paramref name="recipients"/>, or to every recipient of every route when none are given.</summary>
    public static async Task<EmailTestResult> SendAsync(EmailOptions options, IReadOnlyList<string>? recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            return new EmailTestResult(false, "configuration: " + string.Join(" ", problems));
        }
        var to = recipients is { Count: > 0 }
            ? recipients
            : options.AllRoutes.SelectMany(static r => r.To).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From!));
        foreach (var address in to)
        {
            if (!MailboxAddress.TryParse(address, out var mailbox))
            {
                return new EmailTestResult(false, $"'{MailText.Line(address, 120)}' is not an e-mail address");
            }
            message.To.Add(mailbox);
        }
        var now = DateTimeOffset.UtcNow; // a test message is about the wall clock, not about packets
        message.Date = now;
        message.MessageId = MimeUtils.GenerateMessageId(message.From.Mailboxes.First().Domain is { Length: > 0 } d ? d : "trafficwatch.invalid");
        message.Subject = MailText.Header($"{options.SubjectPrefix} Test message", 200);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-TrafficWatch-Kind", "Test");
        var body = "TrafficWatch can send alert e-mail with these settings: "
            + $"{options.Host}:{options.EffectivePort.ToString(CultureInfo.InvariantCulture)}, {options.Security}, "
            + (string.IsNullOrEmpty(options.Username) ? "no authentication" : "authenticated as " + MailText.Line(options.Username, 120))
            + ". Sent " + now.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) + ".";
        message.Body = new BodyBuilder
        {
            TextBody = body + "\n",
            HtmlBody = "<!DOCTYPE html><html><body><p>" + System.Net.WebUtility.HtmlEncode(body) + "</p></body></html>",
        }.ToMessageBody();

        var connector = new SmtpConnector(options);
        try
        {
            using var client = await connector.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var reply = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return new EmailTestResult(true, MailText.Line(connector.Masker.Apply(
                $"sent to {to.Count} recipient(s) via {connector.Describe()}: 250 {reply}"), 512));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return new EmailTestResult(false, $"{connector.Describe()}: {connector.Reason(ex)}");
        }
    }
}
