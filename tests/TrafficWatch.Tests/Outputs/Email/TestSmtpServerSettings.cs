using System.Security.Cryptography.X509Certificates;
using SmtpServer.Protocol;

namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>How to run <see cref="TestSmtpServer"/>.</summary>
public sealed class TestSmtpServerSettings
{
    /// <summary>0: any free port.</summary>
    public int Port { get; init; }

    /// <summary>Offered for STARTTLS, or used from the first byte when <see cref="ImplicitTls"/>.</summary>
    public X509Certificate2? Certificate { get; init; }

    public bool ImplicitTls { get; init; }

    /// <summary>When set, AUTH is required (and offered only over TLS) and only this login is accepted.</summary>
    public (string User, string Password)? Login { get; init; }

    /// <summary>Decides the reply to the n-th message (0-based, counting refused ones); null accepts.</summary>
    public Func<int, SmtpResponse?>? Reply { get; init; }
}
