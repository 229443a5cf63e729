namespace TrafficWatch.Decode.App;

/// <summary>
/// The first problem met in a DHCPv6 message. A structural problem stops the option walk; a bad value in one
/// option only drops that option. Everything read stays in the <see cref="Dhcpv6Message"/>.
/// </summary>
public enum Dhcpv6ParseError : byte
{
    None = 0,
    /// <summary>Shorter than the 4-byte client/server header or the 34-byte relay header.</summary>
    TruncatedHeader,
    /// <summary>An option header or value runs past the end of its message.</summary>
    OptionTruncated,
    /// <summary>A relay message without a Relay Message option (9).</summary>
    NoRelayMessage,
    /// <summary>More nested relay messages than <see cref="Dhcpv6MessageParser.MaxRelayDepth"/>.</summary>
    RelayTooDeep,
    /// <summary>An option we interpret has a value of the wrong size or shape (it is skipped).</summary>
    BadOptionValue,
    /// <summary>More options than the parser walks (<see cref="Dhcpv6MessageParser.MaxOptions"/>).</summary>
    TooManyOptions,
}
