using TrafficWatch.Decode;

namespace TrafficWatch.Tests.Flows;

/// <summary>
/// A seeded mix of TCP (handshakes, data, FIN and RST closes), UDP, ICMP and fragments over a few hundred
/// endpoints, with small backward time steps (merged capture). Same seed, same packets.
/// </summary>
internal static class TrafficGenerator
{
    public static PacketMeta[] Generate(int seed, int count, double secondsPerPacket = 0.01)
    {
        var rng = new Random(seed);
        var packets = new PacketMeta[count];
        var t = 0.0;
        for (var i = 0; i < count; i++)
        {
            t += secondsPerPacket * rng.NextDouble() * 2;
            var time = rng.Next(50) == 0 ? t - 0.05 : t;            // occasional small step back
            var host = IpAddr.FromIPv4(0x0A14_0000u + (uint)rng.Next(1, 200));
            var peer = rng.Next(4) == 0 ? Pkt.Cloud : Pkt.Nvr;
            var port = (ushort)(40_000 + rng.Next(60));
            var forward = rng.Next(2) == 0;
            var (src, dst) = forward ? (host, peer) : (peer, host);
            var (sp, dp) = forward ? (port, (ushort)443) : ((ushort)443, port);
            var kind = rng.Next(100);
            PacketMeta m;
            if (kind < 55)
            {
                var flagsRoll = rng.Next(40);
                var flags = flagsRoll switch
                {
                    0 => Pkt.Syn,
                    1 => (byte)(Pkt.Syn | Pkt.Ack),
                    2 => (byte)(Pkt.Fin | Pkt.Ack),
                    3 when rng.Next(4) == 0 => (byte)(Pkt.Rst | Pkt.Ack),
                    _ => (byte)(Pkt.Ack | Pkt.Psh),
                };
                var payload = rng.Next(3) == 0 ? 0 : rng.Next(1, 1400);
                m = Pkt.Tcp(time, src, sp, dst, dp, flags, wire: 54 + payload, payload: payload, vlan: (ushort)(20 + rng.Next(2)));
            }
            else if (kind < 85)
            {
                m = Pkt.Udp(time, src, (ushort)(sp - 30_000), dst, (ushort)(dp + 10), wire: 60 + rng.Next(1400));
                if (rng.Next(20) == 0)
                {
                    m.IsFragment = true;
                    m.IsNonFirstFragment = rng.Next(2) == 0;
                    m.FragmentId = (uint)rng.Next(8);
                    if (m.IsNonFirstFragment)
                    {
                        m.SrcPort = 0;
                        m.DstPort = 0;
                    }
                }
            }
            else
            {
                m = Pkt.Echo(time, src, dst, reply: !forward, id: (ushort)rng.Next(5));
            }
            packets[i] = m;
        }
        return packets;
    }
}
