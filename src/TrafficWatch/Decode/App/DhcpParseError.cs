namespace TrafficWatch.Decode.App;

/// <summary>
/// The first problem met in a DHCPv4 message. Structural problems stop the walk of the option area they are in;
/// a bad value in one option only drops that option. Everything read stays in the <see cref="DhcpMessage"/>.
/// </summary>
public enum DhcpParseError : byte
{
    None = 0,
    /// <summary>Shorter than the 236-byte BOOTP header.</summary>
    TruncatedHeader,
    /// <summary>No 99.130.83.99 cookie after the header: plain BOOTP, no options read.</summary>
    NoMagicCookie,
    /// <summary>An option's code has no length byte, or its length runs past its area (options, file or sname).</summary>
    OptionTruncated,
    /// <summary>An option we interpret has a value of the wrong size or shape (it is skipped).</summary>
    BadOptionValue,
    /// <summary>More options than the parser walks (<see cref="DhcpMessageParser.MaxOptions"/>).</summary>
    TooManyOptions,
}
