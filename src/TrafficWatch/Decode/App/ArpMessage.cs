namespace TrafficWatch.Decode.App;

/// <summary>An Ethernet/IPv4 ARP request or reply: who claims which address.</summary>
public sealed record ArpMessage(ushort Operation, MacAddress SenderMac, UInt128 SenderAddress, MacAddress TargetMac, UInt128 TargetAddress) : IAppMessage
{
    public const ushort Request = 1;
    public const ushort Reply = 2;

    /// <summary>A gratuitous or probe ARP sender address of 0.0.0.0 claims nothing.</summary>
    public bool ClaimsAddress => SenderAddress != IpAddr.FromIPv4(0);
}
