namespace TrafficWatch.Decode;

/// <summary>
/// Everything the pipeline needs from one packet, filled in place by the decoders.
/// A plain mutable struct passed by <c>ref</c>: decoding allocates nothing.
/// Offsets index into the captured frame the decoder was given; they are valid only while that
/// frame is (inside the capture callback).
/// </summary>
/// <remarks>NOTE: this is a mutable struct; do not make it readonly and do not copy it needlessly.</remarks>
public struct PacketMeta
{
    public const int MaxVlanTags = 2;

    /// <summary>Packet time from the capture record.</summary>
    public PacketTime Timestamp;

    /// <summary>Length of the frame on the wire (pcap orig_len). This is what flows count.</summary>
    public int WireLength;

    /// <summary>Bytes actually captured (pcap caplen, at most the snap length).</summary>
    public int CapturedLength;

    /// <summary>Capture source index (file or interface), for merged inputs.</summary>
    public ushort SourceIndex;

    public LinkType LinkType;

    /// <summary>Outermost Ethernet addresses (zero when the link has none, e.g. raw IP).</summary>
    public MacAddress SrcMac;
    public MacAddress DstMac;

    /// <summary>VLAN ids in wire order: <see cref="OuterVlan"/> is the first tag, <see cref="InnerVlan"/> the second.</summary>
    public ushort OuterVlan;
    public ushort InnerVlan;

    /// <summary>Number of VLAN tags seen (may exceed <see cref="MaxVlanTags"/>; only two are kept).</summary>
    public byte VlanCount;

    /// <summary>The innermost EtherType reached at the link layer (0x0800, 0x86DD, 0x0806 ...).</summary>
    public ushort EtherType;

    /// <summary>Innermost IP version: 0 (no IP), 4 or 6.</summary>
    public byte IpVersion;

    /// <summary>Number of tunnel encapsulations opened (GRE, ERSPAN, VXLAN, IP-in-IP, 6in4, MPLS).</summary>
    public byte TunnelDepth;

    /// <summary>Innermost IP addresses, IPv4-mapped for IPv4 (see <see cref="IpAddr"/>).</summary>
    public UInt128 SrcAddr;
    public UInt128 DstAddr;

    /// <summary>Innermost transport protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6 ...).</summary>
    public byte Protocol;

    /// <summary>
    /// Transport ports. For ICMP/ICMPv6: <see cref="SrcPort"/> = (normalised type &lt;&lt; 8) | code, where a reply type
    /// is mapped to its request type, and <see cref="DstPort"/> = identifier for echo-like messages, else 0.
    /// </summary>
    public ushort SrcPort;
    public ushort DstPort;

    /// <summary>TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80).</summary>
    public byte TcpFlags;

    /// <summary>Raw ICMP type and code as on the wire.</summary>
    public byte IcmpType;
    public byte IcmpCode;

    /// <summary>Offset of the innermost IP header in the frame.</summary>
    public int L3Offset;

    /// <summary>Offset of the transport header in the frame (-1 when not reached).</summary>
    public int L4Offset;

    /// <summary>Offset and captured length of the transport payload (application data).</summary>
    public int PayloadOffset;
    public int PayloadLength;

    /// <summary>True when an IP header was decoded and the packet belongs to a flow.</summary>
    public bool HasFlowKey;

    /// <summary>True for any IP fragment (first or not).</summary>
    public bool IsFragment;

    /// <summary>True for a fragment whose offset is not zero: its ports are unknown until the flow stage looks up the first fragment.</summary>
    public bool IsNonFirstFragment;

    /// <summary>
    /// True for an ICMP error re-keyed to the TCP/UDP packet it quotes (see <c>IcmpErrorQuote</c>): it counts in
    /// that flow, but <see cref="IcmpType"/>/<see cref="IcmpCode"/> tell what it really was.
    /// </summary>
    public bool IsIcmpErrorQuote;

    /// <summary>IPv4 identification or IPv6 fragment identification, for fragment tracking.</summary>
    public uint FragmentId;

    /// <summary>Byte offset of this fragment's data in the original datagram's fragmentable part.</summary>
    public int FragmentOffset;

    /// <summary>Bytes of fragment data this fragment carries, as its IP header declares (not what was captured).</summary>
    public int FragmentLength;

    /// <summary>The more-fragments flag: false on the last fragment of a datagram.</summary>
    public bool MoreFragments;

    /// <summary>What the decoder returned for this frame (set by the pipeline, which hands frames between threads).</summary>
    public DecodeEvent DecodeResult;

    /// <summary>
    /// The application-layer message parsed from this packet on the slow path (DNS, DHCP, TLS ClientHello ...), or
    /// null (almost always). Set by the pipeline's app-layer inspector after decoding; it travels with the packet to
    /// the flow thread so names and devices are updated in packet order.
    /// </summary>
    public App.IAppMessage? App;

    /// <summary>Not a frame: a pipeline tick carrying only a time (live capture idle), so idle flows still expire.</summary>
    public bool IsTick;

    /// <summary>Pushes a VLAN id; returns false when the tag stack is deeper than the bounded walk allows.</summary>
    public bool TryPushVlan(ushort vlanId, int maxDepth = 8)
    {
        if (VlanCount >= maxDepth)
        {
            return false;
        }
        if (VlanCount == 0)
        {
            OuterVlan = vlanId;
        }
        else if (VlanCount == 1)
        {
            InnerVlan = vlanId;
        }
        VlanCount++;
        return true;
    }
}
