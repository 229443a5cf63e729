using TrafficWatch.Decode;

namespace TrafficWatch.Capture;

/// <summary>
/// Maps a link type (a capture file's LINKTYPE from the pcap header or a pcapng IDB, or libpcap's DLT from
/// <c>pcap_datalink</c> for live capture) to the decoder's <see cref="LinkType"/>. Naming an unsupported one never
/// loads libpcap.
/// </summary>
public static class LinkTypeMapper
{
    /// <summary>
    /// True when the decoder supports <paramref name="dataLinkType"/>. The three raw-IP numbers
    /// (LINKTYPE_RAW 101, and DLT_RAW 12 / 14, which libpcap reports for 101 files) all map to
    /// <see cref="LinkType.Raw"/>, so the decoder sees one value for "raw IPv4/IPv6, sniff the version".
    /// </summary>
    public static bool TryMap(int dataLinkType, out LinkType linkType)
    {
        switch (dataLinkType)
        {
            case 0:
                linkType = LinkType.Null;
                return true;
            case 1:
                linkType = LinkType.Ethernet;
                return true;
            case 12:
            case 14:
            case 101:
                linkType = LinkType.Raw;
                return true;
            case 113:
                linkType = LinkType.LinuxSll;
                return true;
            case 228:
                linkType = LinkType.Ipv4;
                return true;
            case 229:
                linkType = LinkType.Ipv6;
                return true;
            case 276:
                linkType = LinkType.LinuxSll2;
                return true;
            default:
                linkType = default;
                return false;
        }
    }

    /// <summary>The one-line message for an unsupported link type: <c>link type 105 (IEEE802_11) is not supported</c>.</summary>
    public static string UnsupportedMessage(int dataLinkType)
    {
        var name = PcapNative.DataLinkName(dataLinkType);
        return name is null
            ? $"link type {dataLinkType} is not supported"
            : $"link type {dataLinkType} ({name}) is not supported";
    }
}
