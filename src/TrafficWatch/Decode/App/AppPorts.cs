namespace TrafficWatch.Decode.App;

/// <summary>The UDP ports whose payloads go to the App parsers (the slow path).</summary>
public static class AppPorts
{
    public const ushort Dns = 53;
    public const ushort Mdns = 5353;
    public const ushort DhcpServer = 67;
    public const ushort DhcpClient = 68;
    public const ushort Dhcpv6Client = 546;
    public const ushort Dhcpv6Server = 547;

    public static bool IsAppPort(ushort port) => port is Dns or Mdns or DhcpServer or DhcpClient or Dhcpv6Client or Dhcpv6Server;
}
