namespace TrafficWatch.Decode.App;

/// <summary>Parses the body of an ICMPv6 neighbour-discovery message (after the 4-byte type/code/checksum header). Bounded, never throws.</summary>
public static class NdpParser
{
    private const int OptionSourceLinkLayer = 1;
    private const int OptionTargetLinkLayer = 2;
    private const int MaxOptions = 16;

    /// <summary>Returns null when <paramref name="type"/> is not ND or the body is too short.</summary>
    public static NdpMessage? Parse(byte type, UInt128 sourceAddress, ReadOnlySpan<byte> body)
    {
        // Fixed part after the ICMPv6 header: RS 4 reserved; RA 12 (hop limit, flags, lifetime, reachable, retrans);
        // NS 4 reserved + 16 target; NA 4 flags + 16 target.
        int fixedLength = type switch
        {
            NdpMessage.RouterSolicitation => 4,
            NdpMessage.RouterAdvertisement => 12,
            NdpMessage.NeighborSolicitation or NdpMessage.NeighborAdvertisement => 20,
            _ => -1,
        };
        if (fixedLength < 0 || body.Length < fixedLength)
        {
            return null;
        }
        var target = UInt128.Zero;
        var fromRouter = type == NdpMessage.RouterAdvertisement;
        if (type is NdpMessage.NeighborSolicitation or NdpMessage.NeighborAdvertisement)
        {
            target = IpAddr.FromIPv6(body.Slice(4, 16));
            if (type == NdpMessage.NeighborAdvertisement)
            {
                fromRouter = (body[0] & 0x80) != 0;
            }
        }
        MacAddress? lla = null;
        var options = body[fixedLength..];
        for (var i = 0; i < MaxOptions && options.Length >= 8; i++)
        {
            var optionType = options[0];
            var optionLength = options[1] * 8;
            if (optionLength == 0 || optionLength > options.Length)
            {
                break;
            }
            if (optionType is OptionSourceLinkLayer or OptionTargetLinkLayer && optionLength >= 8)
            {
                lla = MacAddress.Read(options.Slice(2, 6));
            }
            options = options[optionLength..];
        }
        return new NdpMessage
        {
            Type = type,
            SourceAddress = sourceAddress,
            TargetAddress = target,
            LinkLayerAddress = lla,
            FromRouter = fromRouter,
        };
    }
}
