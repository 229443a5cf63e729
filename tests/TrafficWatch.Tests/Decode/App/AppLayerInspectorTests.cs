using System.Text;
using TrafficWatch.Decode;
using TrafficWatch.Decode.App;
using TrafficWatch.Decode.App.Http;
using TrafficWatch.Decode.App.Tls;
using TrafficWatch.Tests.Decode.AppTls;
using static TrafficWatch.Tests.Decode.TestFrames;

namespace TrafficWatch.Tests.Decode.App;

/// <summary>The slow-path switch: only packets that carry an app message are parsed; everything else costs no allocation.</summary>
public sealed class AppLayerInspectorTests
{
    private static (PacketMeta Meta, byte[] Frame) Decoded(byte[] frame)
    {
        var meta = default(PacketMeta);
        PacketDecoder.Decode(LinkType.Ethernet, frame, ref meta);
        meta.Timestamp = PacketTime.FromSeconds(1_748_851_200);
        return (meta, frame);
    }

    [Fact]
    public void Ordinary_tcp_and_udp_packets_are_not_parsed_and_allocate_nothing()
    {
        var inspector = new AppLayerInspector();
        var frames = new[]
        {
            Decoded(Ethernet(0x0800, Ipv4(6, "10.10.0.21", "10.10.0.10", Tcp(49152, 554, 0x18, new byte[1200])))),   // RTSP/RTP data
            Decoded(Ethernet(0x0800, Ipv4(17, "10.10.0.21", "10.10.0.10", Udp(50000, 50002, new byte[1300])))),      // RTP
            Decoded(Ethernet(0x0800, Ipv4(6, "10.10.0.21", "47.88.1.2", Tcp(49153, 443, 0x18, [0x17, 0x03, 0x03, 0x00, 0x10, 1, 2, 3])))), // TLS app data
            Decoded(Ethernet(0x0800, Ipv4(6, "10.10.0.21", "47.88.1.2", Tcp(49153, 443, 0x10)))),                    // pure ACK
        };
        foreach (var (meta, frame) in frames)
        {
            Assert.Null(inspector.Inspect(frame, in meta));                 // warm up (JIT)
        }
        var allocated = TrafficWatch.Tests.Support.Allocations.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                foreach (var (meta, frame) in frames)
                {
                    _ = inspector.Inspect(frame, in meta);
                }
            }
        });
        Assert.Equal(0, allocated);
        Assert.Equal(0, inspector.Counters.Malformed);
    }

    [Fact]
    public void A_client_hello_split_over_two_segments_is_gathered_in_sequence_and_a_retransmission_is_ignored()
    {
        var builder = new TlsHelloBuilder().Sni("api.hik-connect.com");
        builder.Ciphers.AddRange([0x1301, 0xc02f]);
        var hello = builder.Build();
        var first = hello[..(hello.Length / 2)];
        var second = hello[(hello.Length / 2)..];
        byte[] Segment(uint seq, byte[] payload)
        {
            var tcp = Tcp(49200, 443, 0x18, payload);
            tcp[4] = (byte)(seq >> 24);
            tcp[5] = (byte)(seq >> 16);
            tcp[6] = (byte)(seq >> 8);
            tcp[7] = (byte)seq;
            return Ethernet(0x0800, Ipv4(6, "10.10.0.21", "47.88.59.64", tcp));
        }
        var inspector = new AppLayerInspector();
        var (m1, f1) = Decoded(Segment(1000, first));
        Assert.Null(inspector.Inspect(f1, in m1));
        Assert.Equal(1, inspector.PendingClientHellos);
        Assert.Null(inspector.Inspect(f1, in m1));                         // retransmission of the first half
        var (m2, f2) = Decoded(Segment(1000 + (uint)first.Length, second));
        var result = Assert.IsType<TlsClientHello>(inspector.Inspect(f2, in m2));
        Assert.Equal("api.hik-connect.com", result.ServerName);
        Assert.Equal(0, inspector.PendingClientHellos);
        Assert.Equal(1, inspector.Counters.TlsClientHellos);
    }

    [Fact]
    public void Http_requests_dns_and_arp_are_recognised()
    {
        var inspector = new AppLayerInspector();
        var http = Encoding.ASCII.GetBytes("GET /cgi-bin/snapshot.cgi HTTP/1.1\r\nHost: 10.10.0.21\r\nAuthorization: Basic YWRtaW46YWRtaW4=\r\nUser-Agent: <script>\r\n\r\n");
        var (hm, hf) = Decoded(Ethernet(0x0800, Ipv4(6, "10.0.1.10", "10.10.0.21", Tcp(50000, 80, 0x18, http))));
        var request = Assert.IsType<HttpRequest>(inspector.Inspect(hf, in hm));
        Assert.True(request.HasBasicCredentials);
        Assert.Equal("<script>", request.UserAgent);

        var arp = new byte[28];
        arp[1] = 1; arp[2] = 0x08; arp[4] = 6; arp[5] = 4; arp[7] = 2;       // Ethernet/IPv4 reply
        arp[8] = 0x44; arp[9] = 0x19; arp[10] = 0xb6; arp[11] = 1; arp[12] = 2; arp[13] = 3;
        arp[14] = 10; arp[15] = 10; arp[16] = 0; arp[17] = 21;
        var (am, af) = Decoded(Ethernet(0x0806, arp));
        var message = Assert.IsType<ArpMessage>(inspector.Inspect(af, in am));
        Assert.Equal(IpAddr.Parse("10.10.0.21"), message.SenderAddress);
        Assert.Equal(new MacAddress(0x4419b6010203), message.SenderMac);

        var (bm, bf) = Decoded(Ethernet(0x0800, Ipv4(17, "10.0.0.53", "10.10.0.21", Udp(53, 40000, [0, 1, 2, 3]))));
        Assert.Null(inspector.Inspect(bf, in bm));                         // a 4-byte "DNS" message is malformed: counted, skipped
        Assert.Equal(1, inspector.Counters.Malformed);
    }
}
