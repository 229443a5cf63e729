namespace TrafficWatch.Outputs.Email;

/// <summary>Which SASL mechanism to log in with when <see cref="EmailOptions.Username"/> is set.</summary>
public enum EmailAuthMechanism
{
    /// <summary>The strongest mechanism both sides support (MailKit's choice).</summary>
    Auto,
    Plain,
    Login,
}
