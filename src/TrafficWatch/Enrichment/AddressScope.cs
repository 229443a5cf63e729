using TrafficWatch.Decode;

namespace TrafficWatch.Enrichment;

/// <summary>
/// Internal versus external addresses: RFC 1918, CGNAT (100.64/10), loopback, link-local, multicast and
/// broadcast for IPv4; ULA (fc00::/7), link-local, loopback and multicast for IPv6 are internal, plus the
/// council's own ranges given to the constructor. Allocation-free.
/// </summary>
public sealed class AddressScope
{
    private readonly (UInt128 Network, UInt128 Mask)[] _extra;

    public AddressScope(IReadOnlyList<string>? councilRanges = null)
    {
        var extra = new List<(UInt128, UInt128)>();
        foreach (var cidr in councilRanges ?? [])
        {
            if (!TryParseCidr(cidr, out var network, out var mask))
            {
                throw new FormatException($"'{cidr}' is not a CIDR range like 192.0.2.0/24 or 2001:db8::/32");
            }
            extra.Add((network, mask));
        }
        _extra = [.. extra];
    }

    public static AddressScope Default { get; } = new();

    public bool IsInternal(UInt128 address)
    {
        if (IsBuiltInInternal(address))
        {
            return true;
        }
        foreach (var (network, mask) in _extra)
        {
            if ((address & mask) == network)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsBuiltInInternal(UInt128 address)
    {
        if (IpAddr.IsIPv4(address))
        {
            var v4 = IpAddr.ToIPv4(address);
            return (v4 >> 24) == 10                                  // 10/8
                || (v4 >> 20) == (172u << 4 | 1)                     // 172.16/12
                || (v4 >> 16) == (192u << 8 | 168)                   // 192.168/16
                || (v4 >> 22) == (100u << 2 | 1)                     // 100.64/10 CGNAT
                || (v4 >> 24) == 127                                 // loopback
                || (v4 >> 16) == (169u << 8 | 254)                   // link-local
                || (v4 >> 28) == 0xE                                 // multicast 224/4
                || v4 == uint.MaxValue                               // broadcast
                || v4 == 0;                                          // 0.0.0.0 (DHCP clients)
        }
        var top = (ulong)(address >> 64);
        return (top >> 57) == (0xFCUL >> 1)                          // fc00::/7 ULA
            || (top >> 54) == (0xFE80UL >> 6)                        // fe80::/10 link-local
            || (top >> 56) == 0xFF                                   // ff00::/8 multicast
            || address == UInt128.One                                // ::1
            || address == UInt128.Zero;                              // ::
    }

    public static bool TryParseCidr(string text, out UInt128 network, out UInt128 mask)
    {
        network = mask = UInt128.Zero;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !System.Net.IPAddress.TryParse(text.AsSpan(0, slash), out var ip)
            || !int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits))
        {
            return false;
        }
        var address = IpAddr.FromIPAddress(ip);
        var isV4 = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        var maxBits = isV4 ? 32 : 128;
        if (bits > maxBits)
        {
            return false;
        }
        var totalBits = isV4 ? 96 + bits : bits;                     // IPv4 lives in the low 32 bits of ::ffff:0:0/96
        mask = totalBits == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - totalBits);
        network = address & mask;
        return true;
    }
}
