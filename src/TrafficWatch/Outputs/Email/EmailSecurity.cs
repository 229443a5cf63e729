namespace TrafficWatch.Outputs.Email;

/// <summary>How the SMTP connection is protected.</summary>
public enum EmailSecurity
{
    /// <summary>Plain connect, then the STARTTLS upgrade, which must succeed (port 587 usually). The default.</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, "SMTPS", port 465 usually).</summary>
    Tls,

    /// <summary>No encryption: only for a relay on the same host or a trusted segment. Authentication is refused in this mode.</summary>
    None,
}
