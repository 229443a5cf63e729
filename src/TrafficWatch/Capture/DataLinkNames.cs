namespace TrafficWatch.Capture;

/// <summary>
/// libpcap's short names for common data link types (what <c>pcap_datalink_val_to_name</c> returns), kept
/// managed so naming an unsupported link type in an error never loads libpcap.
/// </summary>
internal static class DataLinkNames
{
    public static string? Lookup(int dataLinkType)
    {
        var known = dataLinkType switch
        {
            0 => "NULL",
            1 => "EN10MB",
            2 => "EN3MB",
            3 => "AX25",
            4 => "PRONET",
            5 => "CHAOS",
            6 => "IEEE802",
            7 => "ARCNET",
            8 => "SLIP",
            9 => "PPP",
            10 => "FDDI",
            12 or 14 or 101 => "RAW",
            50 => "PPP_SERIAL",
            51 => "PPP_ETHER",
            104 => "C_HDLC",
            105 => "IEEE802_11",
            107 => "FRELAY",
            108 => "LOOP",
            109 => "ENC",
            113 => "LINUX_SLL",
            114 => "LTALK",
            117 => "PFLOG",
            119 => "PRISM_HEADER",
            127 => "IEEE802_11_RADIO",
            163 => "IEEE802_11_RADIO_AVS",
            187 => "BLUETOOTH_HCI_H4",
            189 => "USB_LINUX",
            192 => "PPI",
            195 => "IEEE802_15_4",
            220 => "USB_LINUX_MMAPPED",
            227 => "CAN_SOCKETCAN",
            228 => "IPV4",
            229 => "IPV6",
            239 => "NFLOG",
            253 => "NETLINK",
            276 => "LINUX_SLL2",
            _ => null,
        };
        if (known is not null)
        {
            return known;
        }
        var managed = ((PacketDotNet.LinkLayers)dataLinkType).ToString();
        return int.TryParse(managed, out _) ? null : managed;
    }
}
