using TrafficWatch.Decode;
using static TrafficWatch.Tests.Decode.TestFrames;

namespace TrafficWatch.Tests.Decode;

/// <summary>
/// Fuzz-style robustness: random, truncated and bit-flipped frames (fixed seed) through every link type.
/// The decoder must never throw and never report offsets outside the frame.
/// </summary>
public class RobustnessTests
{
    private static readonly LinkType[] s_linkTypes =
    [
        LinkType.Null, LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll, LinkType.Ipv4, LinkType.Ipv6,
        LinkType.LinuxSll2, LinkType.RawBsd, LinkType.RawBsd14, (LinkType)999,
    ];

    private static byte[][] Seeds()
    {
        var arp = new byte[28];
        arp[4] = 6;
        arp[5] = 4;
        var innerEthernet = Concat(SrcMac, DstMac, Be16(0x0800), InnerTcp4());
        return
        [
            Ethernet(0x0800, InnerTcp4()),
            Ethernet(0x86DD, InnerTcp6()),
            Ethernet(0x88A8, VlanTag(100, 0x8100), VlanTag(20, 0x0800), InnerTcp4()),
            Ethernet(0x0806, arp),
            Ethernet(0x8847, MplsLabel(16, false), MplsLabel(17, true), InnerTcp4()),
            Ethernet(0x0800, Ipv4(47, "10.1.1.1", "10.2.2.2", Concat(Gre(0x88BE, sequence: true), ErspanTypeTwo(), innerEthernet))),
            Ethernet(0x0800, Ipv4(47, "10.1.1.1", "10.2.2.2", Concat(Gre(0x22EB, key: true), ErspanTypeThree(true), innerEthernet))),
            Ethernet(0x0800, Ipv4(47, "10.1.1.1", "10.2.2.2", Concat(Gre(0x0800, checksum: true), InnerTcp4()))),
            Ethernet(0x0800, Ipv4(17, "10.1.1.1", "10.2.2.2", Udp(1, 4789, Concat(Vxlan(1), innerEthernet)))),
            Ethernet(0x0800, Ipv4(4, "10.1.1.1", "10.2.2.2", Ipv4(41, "10.3.3.3", "10.4.4.4", InnerTcp6()))),
            Ethernet(0x86DD, Ipv6(0, "2001:db8::1", "2001:db8::2", Concat(Ipv6Options(44), Ipv6Fragment(58, 0, true, 9), Icmp(128, 0, 1, 1)))),
            Ethernet(0x0800, Ipv4(1, "10.0.0.1", "10.0.0.2", Icmp(8, 0, 1, 1), options: [1, 1, 7, 7, 4, 0, 0, 0, 0, 0, 0, 0])),
            Concat([2, 0, 0, 0], InnerTcp4()),
            Concat(new byte[14], Be16(0x86DD), InnerTcp6()),
            Concat(Be16(0x0800), new byte[18], InnerTcp4()),
        ];
    }

    [Fact]
    public void Random_truncated_and_mutated_frames_never_throw_for_any_link_type()
    {
        var random = new Random(20261126);
        var seeds = Seeds();
        var buffer = new byte[2048];
        var decoded = 0;
        for (var iteration = 0; iteration < 40_000; iteration++)
        {
            int length;
            var mode = iteration % 4;
            if (mode == 0)
            {
                length = random.Next(0, 200);
                random.NextBytes(buffer.AsSpan(0, length));
            }
            else
            {
                var seed = seeds[random.Next(seeds.Length)];
                length = mode == 1 ? random.Next(0, seed.Length + 1) : seed.Length;
                seed.AsSpan(0, length).CopyTo(buffer);
                var flips = mode == 3 ? random.Next(1, 8) : (mode == 2 ? 1 : 0);
                for (var f = 0; f < flips && length > 0; f++)
                {
                    buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                }
                if (mode == 2 && length > 0)
                {
                    buffer[random.Next(length)] = (byte)random.Next(256);
                }
            }
            foreach (var linkType in s_linkTypes)
            {
                var frame = buffer.AsSpan(0, length);
                var meta = default(PacketMeta);
                var result = PacketDecoder.Decode(linkType, frame, ref meta);
                Assert.True(Enum.IsDefined(result), $"undefined event {(int)result}");
                Assert.InRange(meta.PayloadLength, 0, length);
                if (meta.PayloadLength > 0)
                {
                    Assert.InRange(meta.PayloadOffset + meta.PayloadLength, 0, length);
                }
                Assert.InRange(meta.L3Offset, 0, length);
                Assert.InRange(meta.L4Offset, -1, length);
                Assert.InRange(meta.TunnelDepth, 0, Tunnel.MaxDepth);
                if (meta.HasFlowKey)
                {
                    Assert.True(meta.IpVersion is 4 or 6);
                    decoded++;
                }
            }
        }
        Assert.True(decoded > 1_000, "the mutated seeds should still decode often");
    }

    [Fact]
    public void Decoding_valid_frames_allocates_nothing()
    {
        var seeds = Seeds();
        var meta = default(PacketMeta);
        foreach (var seed in seeds)
        {
            PacketDecoder.Decode(LinkType.Ethernet, seed, ref meta);   // warm up (JIT, statics)
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            foreach (var seed in seeds)
            {
                PacketDecoder.Decode(LinkType.Ethernet, seed, ref meta);
            }
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
