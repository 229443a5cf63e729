namespace TrafficWatch.Decode.App;

/// <summary>
/// A parsed DHCPv6 message (RFC 8415). Relay-forward/relay-reply wrappers are unwrapped: the fields describe the
/// innermost client/server message, <see cref="RelayDepth"/> says how many relays wrapped it. Always returned,
/// even for malformed input: see <see cref="Error"/>.
/// </summary>
public sealed class Dhcpv6Message : IAppMessage
{
    /// <summary>Type of the innermost message (a relay type only when unwrapping failed).</summary>
    public Dhcpv6MessageType MessageType { get; internal set; }

    /// <summary>24-bit transaction id.</summary>
    public uint TransactionId { get; internal set; }

    /// <summary>Relay wrappers removed (0 for a message sent by the client or server directly).</summary>
    public int RelayDepth { get; internal set; }

    /// <summary>Link and peer address of the relay closest to the client (when <see cref="RelayDepth"/> &gt; 0).</summary>
    public UInt128 RelayLinkAddress { get; internal set; }
    public UInt128 RelayPeerAddress { get; internal set; }

    /// <summary>Client link-layer address option 79 (RFC 6939) from the relay closest to the client, Ethernet only.</summary>
    public MacAddress? RelayClientMac { get; internal set; }

    /// <summary>Client Identifier option 1: the raw DUID.</summary>
    public byte[]? ClientDuid { get; internal set; }

    /// <summary>DUID type of <see cref="ClientDuid"/>: 1 LLT, 2 EN, 3 LL, 4 UUID; 0 when absent or too short.</summary>
    public ushort ClientDuidType { get; internal set; }

    /// <summary>The link-layer address of a DUID-LLT or DUID-LL with hardware type 1 (Ethernet); else null.</summary>
    public MacAddress? ClientMac { get; internal set; }

    /// <summary>Server Identifier option 2: the raw DUID.</summary>
    public byte[]? ServerDuid { get; internal set; }

    /// <summary>Client FQDN option 39 flags (S 0x01, O 0x02, N 0x04); 0 when absent.</summary>
    public byte FqdnFlags { get; internal set; }

    /// <summary>Client FQDN option 39 name (DNS wire form, partial names allowed), escaped as on <see cref="DnsNameReader"/>.</summary>
    public string? Fqdn { get; internal set; }

    /// <summary>Vendor Class option 16 enterprise number.</summary>
    public uint? VendorClassEnterprise { get; internal set; }

    /// <summary>Vendor Class option 16 data items, decoded like DHCPv4 text (see <see cref="AppText.Decode"/>).</summary>
    public IReadOnlyList<string> VendorClass { get; internal set; } = [];

    /// <summary>Option Request option 6, order kept: the DHCPv6 fingerprint. Empty when absent.</summary>
    public IReadOnlyList<ushort> OptionRequests { get; internal set; } = [];

    /// <summary>Option codes of the innermost message in wire order.</summary>
    public IReadOnlyList<ushort> OptionCodes { get; internal set; } = [];

    public Dhcpv6ParseError Error { get; internal set; }
}
