namespace TrafficWatch.Capture;

/// <summary>Recognises a capture file's format from its magic number.</summary>
public static class CaptureFileFormatSniffer
{
    /// <summary>Classic pcap file header size; records follow at this offset.</summary>
    public const int PcapFileHeaderLength = 24;

    /// <summary>Classic pcap record header size (ts_sec, ts_frac, incl_len, orig_len).</summary>
    public const int PcapRecordHeaderLength = 16;

    /// <param name="magicBigEndian">The first four bytes of the file read as a big-endian integer.</param>
    public static CaptureFileFormat Sniff(uint magicBigEndian) => magicBigEndian switch
    {
        0xA1B2C3D4 or 0xD4C3B2A1 => CaptureFileFormat.Pcap,   // microsecond, big / little endian
        0xA1B23C4D or 0x4D3CB2A1 => CaptureFileFormat.Pcap,   // nanosecond
        0xA1B2CD34 or 0x34CDB2A1 => CaptureFileFormat.Pcap,   // Kuznetzov's modified pcap (libpcap reads it)
        0x0A0D0D0A => CaptureFileFormat.PcapNg,
        _ => CaptureFileFormat.Unknown,
    };
}
