using SharpPcap.LibPcap;

namespace TrafficWatch.Capture;

/// <summary>A <see cref="PcapHandle"/> around a pcap_t we opened ourselves; releasing it calls pcap_close.</summary>
internal sealed class OwnedPcapHandle : PcapHandle
{
    public OwnedPcapHandle(IntPtr pcap)
    {
        SetHandle(pcap);
    }
}
