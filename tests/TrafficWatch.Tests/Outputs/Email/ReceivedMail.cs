using MimeKit;

namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>One message the test SMTP server accepted: the envelope, the raw bytes, the parsed message, the session.</summary>
public sealed record ReceivedMail(
    string EnvelopeFrom,
    IReadOnlyList<string> EnvelopeTo,
    byte[] Raw,
    MimeMessage Message,
    bool Secure,
    string? AuthenticatedUser)
{
    public string RawText => System.Text.Encoding.UTF8.GetString(Raw);

    public string Subject => Message.Subject ?? string.Empty;

    public string Text => Message.TextBody ?? string.Empty;

    public string Html => Message.HtmlBody ?? string.Empty;
}
