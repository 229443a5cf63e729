namespace TrafficWatch.Decode.App;

/// <summary>
/// A parsed DHCPv4/BOOTP message (RFC 2131/2132). Always returned, even for malformed input: see
/// <see cref="Error"/>. Addresses are IPv4-mapped <see cref="UInt128"/> (see <see cref="IpAddr"/>); option
/// values are null (or empty) when the option is absent. Split options (RFC 3396) are concatenated.
/// </summary>
public sealed class DhcpMessage : IAppMessage
{
    /// <summary>1 BOOTREQUEST, 2 BOOTREPLY.</summary>
    public byte Op { get; internal set; }

    public byte HardwareType { get; internal set; }

    public byte HardwareLength { get; internal set; }

    public byte Hops { get; internal set; }

    /// <summary>xid.</summary>
    public uint TransactionId { get; internal set; }

    public ushort Seconds { get; internal set; }

    public bool Broadcast { get; internal set; }

    public UInt128 ClientAddress { get; internal set; }

    public UInt128 YourAddress { get; internal set; }

    public UInt128 ServerAddress { get; internal set; }

    public UInt128 RelayAddress { get; internal set; }

    /// <summary>chaddr as a MAC when the hardware length is 6 (Ethernet and friends); null otherwise.</summary>
    public MacAddress? ClientMac { get; internal set; }

    /// <summary>The first <see cref="HardwareLength"/> bytes of chaddr (at most 16).</summary>
    public byte[] ClientHardwareAddress { get; internal set; } = [];

    public bool HasMagicCookie { get; internal set; }

    /// <summary>Option 53.</summary>
    public DhcpMessageType MessageType { get; internal set; }

    /// <summary>Option 12, decoded as described on <see cref="AppText.Decode"/> (trailing NULs trimmed).</summary>
    public string? Hostname { get; internal set; }

    /// <summary>Option 60, decoded like <see cref="Hostname"/>.</summary>
    public string? VendorClass { get; internal set; }

    /// <summary>Option 55 as sent, order kept: the classic DHCP fingerprint. Empty when absent.</summary>
    public IReadOnlyList<byte> ParameterRequestList { get; internal set; } = [];

    /// <summary>Option 81.</summary>
    public DhcpClientFqdn? ClientFqdn { get; internal set; }

    /// <summary>Option 50.</summary>
    public UInt128? RequestedAddress { get; internal set; }

    /// <summary>Option 61, raw (type byte first).</summary>
    public byte[]? ClientIdentifier { get; internal set; }

    /// <summary>Option 54.</summary>
    public UInt128? ServerIdentifier { get; internal set; }

    /// <summary>Option 51, seconds.</summary>
    public uint? LeaseTime { get; internal set; }

    /// <summary>Option 52: 1 file, 2 sname, 3 both hold options; 0 when absent.</summary>
    public byte Overload { get; internal set; }

    /// <summary>Option codes in wire order (pad and end left out), the order-based fingerprint.</summary>
    public IReadOnlyList<byte> OptionCodes { get; internal set; } = [];

    public DhcpParseError Error { get; internal set; }

    /// <summary>The MAC in option 61 when its type is 1 (Ethernet) with 6 bytes; else null.</summary>
    public MacAddress? ClientIdentifierMac
        => ClientIdentifier is { Length: 7 } id && id[0] == 1 ? MacAddress.Read(id.AsSpan(1)) : null;
}
