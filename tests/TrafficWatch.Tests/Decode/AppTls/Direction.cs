namespace TrafficWatch.Tests.Decode.AppTls;

/// <summary>
/// One directional TCP/UDP endpoint pair as text, for matching truth (client -> server:port). The decoder keys a
/// tunnelled packet (6in4, GRE ...) on its innermost IP header, while truth.py takes tshark's IPv4 address (the
/// outer header for 6in4), so for tunnelled packets only the port is compared.
/// </summary>
internal readonly record struct Direction(string Source, ushort SourcePort, string Destination, ushort DestinationPort, bool Tunnelled)
{
    public bool Matches(string client, string server, ushort serverPort)
        => DestinationPort == serverPort && (Tunnelled || (Source == client && Destination == server));
}
