using System.Diagnostics.CodeAnalysis;
using TrafficWatch.Decode;

namespace TrafficWatch.Enrichment;

/// <summary>
/// A CIDR range over the <see cref="IpAddr"/> form (IPv4 as <c>::ffff:a.b.c.d</c>), so <see cref="Contains"/> is two
/// 128-bit operations. An IPv4 range only ever contains IPv4 addresses. A bare address is a /32 or /128.
/// Modelled on System.Net.IPNetwork, which works on IPAddress objects instead.
/// </summary>
public readonly struct IpNetwork : IEquatable<IpNetwork>
{
    private IpNetwork(UInt128 network, UInt128 mask, int prefixLength, bool isIPv4)
    {
        Network = network;
        Mask = mask;
        PrefixLength = prefixLength;
        IsIPv4 = isIPv4;
    }

    /// <summary>First address of the range (host bits cleared).</summary>
    public UInt128 Network { get; }

    public UInt128 Mask { get; }

    /// <summary>Prefix length as written (0-32 for IPv4, 0-128 for IPv6).</summary>
    public int PrefixLength { get; }

    public bool IsIPv4 { get; }

    public bool Contains(UInt128 address) => (address & Mask) == Network;

    /// <summary>Parses <c>192.0.2.0/24</c>, <c>2001:db8::/32</c> or a bare address.</summary>
    /// <param name="text">The range.</param>
    /// <param name="network">The range, host bits cleared.</param>
    /// <param name="hadHostBits">True when the text had host bits set (<c>10.1.2.3/8</c>): probably a typo worth a warning.</param>
    public static bool TryParse(string text, out IpNetwork network, out bool hadHostBits)
    {
        network = default;
        hadHostBits = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        text = text.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text.AsSpan() : text.AsSpan(0, slash);
        if (addressText.Contains('%') || !System.Net.IPAddress.TryParse(addressText, out var ip))
        {
            return false;
        }
        var isV4 = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        var maxBits = isV4 ? 32 : 128;
        var bits = maxBits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out bits) || bits > maxBits))
        {
            return false;
        }
        var address = IpAddr.FromIPAddress(ip);
        var totalBits = isV4 ? 96 + bits : bits;                     // IPv4 lives in the low 32 bits of ::ffff:0:0/96
        var mask = totalBits == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - totalBits);
        hadHostBits = (address & mask) != address;
        network = new IpNetwork(address & mask, mask, bits, isV4);
        return true;
    }

    /// <summary>As <see cref="TryParse(string, out IpNetwork, out bool)"/>, ignoring host bits.</summary>
    public static bool TryParse(string text, out IpNetwork network) => TryParse(text, out network, out _);

    /// <exception cref="FormatException">Not a range or address.</exception>
    public static IpNetwork Parse(string text)
        => TryParse(text, out var network) ? network : ThrowFormat(text);

    [DoesNotReturn]
    private static IpNetwork ThrowFormat(string text)
        => throw new FormatException($"'{text}' is not a CIDR range like 192.0.2.0/24 or 2001:db8::/32, nor an address");

    public bool Equals(IpNetwork other) => Network == other.Network && Mask == other.Mask;

    public override bool Equals(object? obj) => obj is IpNetwork other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Network, Mask);

    public static bool operator ==(IpNetwork left, IpNetwork right) => left.Equals(right);

    public static bool operator !=(IpNetwork left, IpNetwork right) => !left.Equals(right);

    public override string ToString() => $"{IpAddr.ToString(Network)}/{PrefixLength}";
}
