using System.Globalization;

namespace TrafficWatch.Attribution.Devices;

/// <summary>Spelling of <c>tcp/554</c>-style service ports as used in <c>classes.yaml</c> and outputs.</summary>
public static class ServicePorts
{
    public const byte Tcp = 6;
    public const byte Udp = 17;

    public static string ProtocolName(byte protocol) => protocol switch
    {
        Tcp => "tcp",
        Udp => "udp",
        132 => "sctp",
        _ => protocol.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Parses <c>tcp/554</c> or <c>udp/3702</c> (protocol in lower case, port 1-65535).</summary>
    public static bool TryParse(string text, out byte protocol, out ushort port)
    {
        protocol = 0;
        port = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }
        protocol = text.AsSpan(0, slash) switch
        {
            "tcp" => Tcp,
            "udp" => Udp,
            "sctp" => 132,
            _ => (byte)0,
        };
        return protocol != 0
            && ushort.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port != 0;
    }
}
