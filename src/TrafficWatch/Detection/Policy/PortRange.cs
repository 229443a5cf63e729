using System.Globalization;

namespace TrafficWatch.Detection.Policy;

/// <summary>
/// A protocol and destination-port range from a rule's <c>ports:</c>: <c>tcp/443</c>, <c>udp/123</c>,
/// <c>tcp/8000-8100</c>, <c>443</c> (TCP or UDP), <c>tcp</c> (any TCP port), <c>icmp</c>, <c>icmpv6</c>, <c>proto/47</c>.
/// </summary>
/// <param name="Protocol">IP protocol number; 0 means TCP or UDP.</param>
/// <param name="Low">Lowest destination port, inclusive.</param>
/// <param name="High">Highest destination port, inclusive.</param>
public readonly record struct PortRange(byte Protocol, ushort Low, ushort High)
{
    public const byte Tcp = 6, Udp = 17, Icmp = 1, IcmpV6 = 58, TcpOrUdp = 0;

    public bool Matches(byte protocol, ushort port)
        => (Protocol == TcpOrUdp ? protocol is Tcp or Udp : protocol == Protocol) && port >= Low && port <= High;

    public static bool TryParse(string text, out PortRange range)
    {
        range = default;
        var spec = text.Trim().ToLowerInvariant();
        var slash = spec.IndexOf('/', StringComparison.Ordinal);
        var protocolText = slash < 0 ? (char.IsAsciiDigit(spec.FirstOrDefault()) ? string.Empty : spec) : spec[..slash];
        var portText = slash < 0 ? (protocolText.Length == 0 ? spec : string.Empty) : spec[(slash + 1)..];
        byte protocol;
        switch (protocolText)
        {
            case "":
                protocol = TcpOrUdp;
                break;
            case "tcp":
                protocol = Tcp;
                break;
            case "udp":
                protocol = Udp;
                break;
            case "icmp" when portText.Length == 0:
                range = new PortRange(Icmp, 0, ushort.MaxValue);
                return true;
            case "icmpv6" when portText.Length == 0:
                range = new PortRange(IcmpV6, 0, ushort.MaxValue);
                return true;
            case "proto":
                if (!byte.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number == 0)
                {
                    return false;
                }
                range = new PortRange(number, 0, ushort.MaxValue);
                return true;
            default:
                return false;
        }
        if (portText.Length == 0)
        {
            if (protocol == TcpOrUdp)
            {
                return false;
            }
            range = new PortRange(protocol, 0, ushort.MaxValue);
            return true;
        }
        var dash = portText.IndexOf('-', StringComparison.Ordinal);
        var lowText = dash < 0 ? portText : portText[..dash];
        var highText = dash < 0 ? portText : portText[(dash + 1)..];
        if (!ushort.TryParse(lowText, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            || !ushort.TryParse(highText, NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            || low > high)
        {
            return false;
        }
        range = new PortRange(protocol, low, high);
        return true;
    }

    public override string ToString()
    {
        var protocol = Protocol switch
        {
            TcpOrUdp => "",
            Tcp => "tcp",
            Udp => "udp",
            Icmp => "icmp",
            IcmpV6 => "icmpv6",
            _ => "proto",
        };
        if (Low == 0 && High == ushort.MaxValue)
        {
            return Protocol is Tcp or Udp or Icmp or IcmpV6 ? protocol : $"proto/{Protocol}";
        }
        var ports = Low == High ? Low.ToString(CultureInfo.InvariantCulture) : $"{Low}-{High}";
        return protocol.Length == 0 ? ports : $"{protocol}/{ports}";
    }
}
