using System.Buffers.Binary;
using TrafficWatch.Decode.App.Http;
using TrafficWatch.Decode.App.Tls;

namespace TrafficWatch.Decode.App;

/// <summary>
/// The slow path of the decode stage: after a frame is decoded, decides with a few comparisons whether it carries an
/// application message worth parsing (DNS, mDNS, DHCP, DHCPv6, SSDP, a TLS ClientHello, an HTTP request, ARP, NDP)
/// and, only then, parses it into an <see cref="IAppMessage"/>. Every other packet returns null without allocating.
/// A ClientHello split over several TCP segments is gathered in order (by sequence number) in a small bounded table.
/// Runs on the capture thread; not thread-safe.
/// </summary>
public sealed class AppLayerInspector
{
    private const byte Tcp = 6, Udp = 17, Icmpv6 = 58;
    private const ushort SsdpPort = 1900;
    private const ushort EtherTypeArp = 0x0806;

    /// <summary>At most this many ClientHellos are gathered at once; more are abandoned (counted).</summary>
    public const int MaxPendingClientHellos = 64;

    /// <summary>A split ClientHello whose next segment does not come within this much packet time is abandoned.</summary>
    public static readonly long PendingTimeoutNs = 10 * PacketTime.NanosPerSecond;

    private readonly Dictionary<FlowDirectionKey, PendingHello> _pending = new();
    private readonly Stack<TlsClientHelloAccumulator> _spareAccumulators = new();
    private long _nextExpiryNs = long.MinValue;

    public AppLayerCounters Counters { get; } = new();

    /// <summary>Split ClientHellos being gathered now.</summary>
    public int PendingClientHellos => _pending.Count;

    /// <summary>Returns the message this packet carries, or null. Never throws on packet content.</summary>
    public IAppMessage? Inspect(ReadOnlySpan<byte> frame, in PacketMeta meta)
    {
        if (!meta.HasFlowKey)
        {
            return meta.EtherType == EtherTypeArp && meta.IpVersion == 0 ? InspectArp(frame, meta.L3Offset) : null;
        }
        if (meta.IsFragment || meta.IsIcmpErrorQuote || meta.PayloadLength <= 0
            || (uint)meta.PayloadOffset > (uint)frame.Length || meta.PayloadLength > frame.Length - meta.PayloadOffset)
        {
            return null;
        }
        var payload = frame.Slice(meta.PayloadOffset, meta.PayloadLength);
        return meta.Protocol switch
        {
            Udp => InspectUdp(payload, meta.SrcPort, meta.DstPort),
            Tcp => InspectTcp(frame, payload, in meta),
            Icmpv6 when meta.IcmpType is >= NdpMessage.RouterSolicitation and <= NdpMessage.NeighborAdvertisement
                => Count(NdpParser.Parse(meta.IcmpType, meta.SrcAddr, payload), ref Counters.Ndp),
            _ => null,
        };
    }

    private IAppMessage? InspectUdp(ReadOnlySpan<byte> payload, ushort src, ushort dst)
    {
        if (src == AppPorts.Dns || dst == AppPorts.Dns)
        {
            return ParseDns(payload, ref Counters.Dns);
        }
        if (src == AppPorts.Mdns || dst == AppPorts.Mdns)
        {
            return ParseDns(payload, ref Counters.Mdns);
        }
        if (src is AppPorts.DhcpServer or AppPorts.DhcpClient && dst is AppPorts.DhcpServer or AppPorts.DhcpClient)
        {
            var error = DhcpMessageParser.Parse(payload, out var dhcp);
            return error == DhcpParseError.None ? Count(dhcp, ref Counters.Dhcp) : Malformed();
        }
        if (src is AppPorts.Dhcpv6Client or AppPorts.Dhcpv6Server && dst is AppPorts.Dhcpv6Client or AppPorts.Dhcpv6Server)
        {
            var error = Dhcpv6MessageParser.Parse(payload, out var dhcp6);
            return error == Dhcpv6ParseError.None ? Count(dhcp6, ref Counters.Dhcpv6) : Malformed();
        }
        if (src == SsdpPort || dst == SsdpPort)
        {
            var status = SsdpParser.Parse(payload, out var ssdp);
            return ssdp is not null && status == SsdpParseStatus.Complete ? Count(ssdp, ref Counters.Ssdp) : Malformed();
        }
        return null;
    }

    private IAppMessage? ParseDns(ReadOnlySpan<byte> payload, ref long counter)
    {
        var error = DnsMessageParser.Parse(payload, out var dns);
        // A message damaged after its first records still names what came before the damage: keep those.
        if (error == DnsParseError.None || dns.Records.Count > 0)
        {
            counter++;
            if (error != DnsParseError.None)
            {
                Counters.Malformed++;
            }
            return dns;
        }
        return Malformed();
    }

    private IAppMessage? InspectTcp(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> payload, in PacketMeta meta)
    {
        var seq = meta.L4Offset >= 0 && meta.L4Offset + 8 <= frame.Length ? BinaryPrimitives.ReadUInt32BigEndian(frame[(meta.L4Offset + 4)..]) : 0u;
        if (_pending.Count > 0)
        {
            var key = new FlowDirectionKey(meta.SrcAddr, meta.DstAddr, meta.SrcPort, meta.DstPort);
            if (_pending.TryGetValue(key, out var pending))
            {
                return ContinueHello(key, pending, payload, seq, meta.Timestamp.Nanoseconds);
            }
            if (meta.Timestamp.Nanoseconds >= _nextExpiryNs)
            {
                _nextExpiryNs = meta.Timestamp.Nanoseconds + PacketTime.NanosPerSecond;
                ExpirePending(meta.Timestamp.Nanoseconds);
            }
        }
        if (LooksLikeClientHello(payload))
        {
            return StartHello(payload, seq, in meta);
        }
        if (LooksLikeHttpRequest(payload))
        {
            var status = HttpRequestParser.Parse(payload, out var request);
            return request is not null && status is HttpParseStatus.Complete or HttpParseStatus.NeedMore
                ? Count(request, ref Counters.HttpRequests)
                : Malformed();
        }
        if ((meta.SrcPort == AppPorts.Dns || meta.DstPort == AppPorts.Dns) && payload.Length > 2)
        {
            // DNS over TCP: a two-byte length, then the message (only messages that start a segment are seen).
            return ParseDns(payload[2..], ref Counters.Dns);
        }
        return null;
    }

    private IAppMessage? StartHello(ReadOnlySpan<byte> payload, uint seq, in PacketMeta meta)
    {
        var accumulator = _spareAccumulators.Count > 0 ? _spareAccumulators.Pop() : new TlsClientHelloAccumulator();
        var status = accumulator.Append(payload);
        if (status == TlsParseStatus.NeedMore)
        {
            if (_pending.Count >= MaxPendingClientHellos)
            {
                Counters.TlsAbandoned++;
                Recycle(accumulator);
                return null;
            }
            var key = new FlowDirectionKey(meta.SrcAddr, meta.DstAddr, meta.SrcPort, meta.DstPort);
            _pending[key] = new PendingHello(accumulator, unchecked(seq + (uint)payload.Length), meta.Timestamp.Nanoseconds);
            return null;
        }
        return FinishHello(accumulator);
    }

    private IAppMessage? ContinueHello(FlowDirectionKey key, PendingHello pending, ReadOnlySpan<byte> payload, uint seq, long nowNs)
    {
        if (seq != pending.NextSeq)
        {
            // A retransmission of data already held is ignored; a gap means a lost segment: give up on this one.
            if (unchecked((int)(pending.NextSeq - seq)) > 0)
            {
                return null;
            }
            _pending.Remove(key);
            Counters.TlsAbandoned++;
            Recycle(pending.Accumulator);
            return null;
        }
        var status = pending.Accumulator.Append(payload);
        if (status == TlsParseStatus.NeedMore)
        {
            _pending[key] = pending with { NextSeq = unchecked(seq + (uint)payload.Length), LastNs = nowNs };
            return null;
        }
        _pending.Remove(key);
        return FinishHello(pending.Accumulator);
    }

    private IAppMessage? FinishHello(TlsClientHelloAccumulator accumulator)
    {
        var result = accumulator.Status == TlsParseStatus.Complete ? accumulator.Result : null;
        Recycle(accumulator);
        return result is null ? Malformed() : Count(result, ref Counters.TlsClientHellos);
    }

    private void ExpirePending(long nowNs)
    {
        List<FlowDirectionKey>? stale = null;
        foreach (var (key, pending) in _pending)
        {
            if (nowNs - pending.LastNs > PendingTimeoutNs)
            {
                (stale ??= []).Add(key);
            }
        }
        if (stale is null)
        {
            return;
        }
        foreach (var key in stale)
        {
            Recycle(_pending[key].Accumulator);
            _pending.Remove(key);
            Counters.TlsAbandoned++;
        }
    }

    private void Recycle(TlsClientHelloAccumulator accumulator)
    {
        accumulator.Reset();
        if (_spareAccumulators.Count < 8)
        {
            _spareAccumulators.Push(accumulator);
        }
    }

    private IAppMessage? InspectArp(ReadOnlySpan<byte> frame, int offset)
    {
        // Ethernet (1) / IPv4 (0x0800) with 6- and 4-byte addresses only.
        if ((uint)offset > (uint)frame.Length || frame.Length - offset < 28)
        {
            return null;
        }
        var arp = frame[offset..];
        if (BinaryPrimitives.ReadUInt16BigEndian(arp) != 1 || BinaryPrimitives.ReadUInt16BigEndian(arp[2..]) != 0x0800 || arp[4] != 6 || arp[5] != 4)
        {
            return null;
        }
        Counters.Arp++;
        return new ArpMessage(
            BinaryPrimitives.ReadUInt16BigEndian(arp[6..]),
            MacAddress.Read(arp[8..]),
            IpAddr.FromIPv4(arp.Slice(14, 4)),
            MacAddress.Read(arp[18..]),
            IpAddr.FromIPv4(arp.Slice(24, 4)));
    }

    /// <summary>A TLS handshake record (0x16, version 3.x) whose first message is a ClientHello (1).</summary>
    public static bool LooksLikeClientHello(ReadOnlySpan<byte> payload)
        => payload.Length >= 6 && payload[0] == 0x16 && payload[1] == 0x03 && payload[5] == 0x01;

    /// <summary>Starts with an HTTP method token and a space (checked before any parsing).</summary>
    public static bool LooksLikeHttpRequest(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 4)
        {
            return false;
        }
        return payload[0] switch
        {
            (byte)'G' => payload.StartsWith("GET "u8),
            (byte)'P' => payload.StartsWith("POST "u8) || payload.StartsWith("PUT "u8) || payload.StartsWith("PATCH "u8),
            (byte)'H' => payload.StartsWith("HEAD "u8),
            (byte)'D' => payload.StartsWith("DELETE "u8),
            (byte)'O' => payload.StartsWith("OPTIONS "u8),
            (byte)'C' => payload.StartsWith("CONNECT "u8),
            _ => false,
        };
    }

    private static IAppMessage? Count(IAppMessage? message, ref long counter)
    {
        if (message is not null)
        {
            counter++;
        }
        return message;
    }

    private IAppMessage? Malformed()
    {
        Counters.Malformed++;
        return null;
    }

    private readonly record struct FlowDirectionKey(UInt128 Src, UInt128 Dst, ushort SrcPort, ushort DstPort);

    private sealed record PendingHello(TlsClientHelloAccumulator Accumulator, uint NextSeq, long LastNs);
}
