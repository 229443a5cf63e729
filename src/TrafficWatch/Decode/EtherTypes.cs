namespace TrafficWatch.Decode;

/// <summary>EtherType values the link decoders dispatch on.</summary>
internal static class EtherTypes
{
    public const ushort Ipv4 = 0x0800;
    public const ushort Arp = 0x0806;
    public const ushort Vlan = 0x8100;
    public const ushort QinQ = 0x88A8;
    public const ushort QinQLegacy = 0x9100;
    public const ushort Ipv6 = 0x86DD;
    public const ushort MplsUnicast = 0x8847;
    public const ushort MplsMulticast = 0x8848;
    public const ushort TransparentEthernetBridging = 0x6558;
    public const ushort ErspanTypeOneOrTwo = 0x88BE;
    public const ushort ErspanTypeThree = 0x22EB;
    public const ushort PppoeSession = 0x8864;
    public const ushort Ppp = 0x880B;

    /// <summary>Values below this in the type/length field are 802.3 lengths, not EtherTypes.</summary>
    public const ushort MinEtherType = 0x0600;
}
