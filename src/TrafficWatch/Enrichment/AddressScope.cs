using TrafficWatch.Decode;

namespace TrafficWatch.Enrichment;

/// <summary>
/// Internal versus external addresses: RFC 1918, CGNAT (100.64/10), loopback, link-local, multicast and
/// broadcast for IPv4; ULA (fc00::/7), link-local, loopback and multicast for IPv6 are internal, plus the
/// council's own ranges given to the constructor. Allocation-free.
/// </summary>
public sealed class AddressScope
{
    private readonly IpNetwork[] _council;

    /// <param name="councilRanges">The council's own ranges (CIDR or bare addresses), e.g. public blocks it owns.</param>
    /// <exception cref="FormatException">A range does not parse.</exception>
    public AddressScope(IEnumerable<string>? councilRanges = null)
    {
        var ranges = new List<IpNetwork>();
        foreach (var cidr in councilRanges ?? [])
        {
            if (!IpNetwork.TryParse(cidr, out var network))
            {
                throw new FormatException($"'{cidr}' is not a CIDR range like 192.0.2.0/24 or 2001:db8::/32");
            }
            ranges.Add(network);
        }
        _council = [.. ranges];
    }

    /// <summary>Built-in ranges only.</summary>
    public static AddressScope Default { get; } = new();

    /// <summary>The council's own ranges given to the constructor.</summary>
    public IReadOnlyList<IpNetwork> CouncilRanges => _council;

    public bool IsInternal(UInt128 address) => Classify(address) != AddressKind.Public;

    /// <summary>Why <paramref name="address"/> is internal, or <see cref="AddressKind.Public"/>. Built-in ranges win over council ones.</summary>
    public AddressKind Classify(UInt128 address)
    {
        var kind = ClassifyBuiltIn(address);
        if (kind != AddressKind.Public)
        {
            return kind;
        }
        foreach (var network in _council)
        {
            if (network.Contains(address))
            {
                return AddressKind.Council;
            }
        }
        return AddressKind.Public;
    }

    /// <summary>The built-in classification alone (no council ranges).</summary>
    public static AddressKind ClassifyBuiltIn(UInt128 address)
    {
        if (IpAddr.IsIPv4(address))
        {
            var v4 = IpAddr.ToIPv4(address);
            if ((v4 >> 24) == 10 || (v4 >> 20) == (172u << 4 | 1) || (v4 >> 16) == (192u << 8 | 168))
            {
                return AddressKind.Private;                          // 10/8, 172.16/12, 192.168/16
            }
            return v4 switch
            {
                _ when (v4 >> 22) == (100u << 2 | 1) => AddressKind.Cgnat,       // 100.64/10
                _ when (v4 >> 24) == 127 => AddressKind.Loopback,
                _ when (v4 >> 16) == (169u << 8 | 254) => AddressKind.LinkLocal,
                _ when (v4 >> 28) == 0xE => AddressKind.Multicast,               // 224/4
                uint.MaxValue => AddressKind.Broadcast,
                0 => AddressKind.Unspecified,                                    // DHCP clients
                _ => AddressKind.Public,
            };
        }
        var top = (ulong)(address >> 64);
        return top switch
        {
            _ when (top >> 57) == (0xFCUL >> 1) => AddressKind.UniqueLocal,     // fc00::/7
            _ when (top >> 54) == (0xFE80UL >> 6) => AddressKind.LinkLocal,     // fe80::/10
            _ when (top >> 56) == 0xFF => AddressKind.Multicast,                // ff00::/8
            _ when address == UInt128.One => AddressKind.Loopback,              // ::1
            _ when address == UInt128.Zero => AddressKind.Unspecified,          // ::
            _ => AddressKind.Public,
        };
    }

    public static bool TryParseCidr(string text, out UInt128 network, out UInt128 mask)
    {
        if (!IpNetwork.TryParse(text, out var parsed) || !text.Contains('/', StringComparison.Ordinal))
        {
            network = mask = UInt128.Zero;
            return false;
        }
        network = parsed.Network;
        mask = parsed.Mask;
        return true;
    }
}
