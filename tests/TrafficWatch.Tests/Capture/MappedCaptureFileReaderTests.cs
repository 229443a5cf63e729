using System.Buffers.Binary;
using TrafficWatch.Capture;
using TrafficWatch.Decode;

namespace TrafficWatch.Tests.Capture;

/// <summary>The managed, memory-mapped reader: pcapng features libpcap-free, damage reporting, no libpcap without a filter.</summary>
public sealed class MappedCaptureFileReaderTests : IDisposable
{
    private const ulong Micro = 1_000_000UL;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Pcapng_with_an_ethernet_and_a_raw_ip_interface_gives_each_frame_its_interfaces_link_type()
    {
        var eth = CaptureTestFrames.Udp(1000, 53);
        var raw = CaptureTestFrames.RawIpv4Udp(2000, 53);
        var path = new PcapNgBlockWriter().Section()
            .Interface(1).Interface(101)
            .Enhanced(0, (10 * Micro) + 1, eth)
            .Enhanced(1, (10 * Micro) + 2, raw)
            .Enhanced(0, (10 * Micro) + 3, eth, wireLength: 1500)
            .WriteTo(_dir.File("two-if.pcapng"));

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Empty(source.Errors);
        Assert.Equal([LinkType.Ethernet, LinkType.Raw, LinkType.Ethernet], frames.Select(f => f.LinkType));
        Assert.Equal(raw, frames[1].Data);
        Assert.Equal(1500, frames[2].WireLength);
        Assert.Equal(10_000_002_000L, frames[1].TimestampNanos);
        Assert.Equal(source.TotalBytes, source.ConsumedBytes);
    }

    [Theory]
    [InlineData(0x80 | 20, 1_048_576UL)]         // 2^-20: not a whole number of ns per unit
    [InlineData(0x80 | 9, 512UL)]                // 2^-9: exactly 1,953,125 ns per unit
    [InlineData(3, 1_000UL)]                     // milliseconds
    [InlineData(12, 1_000_000_000_000UL)]        // picoseconds
    public void If_tsresol_in_powers_of_two_and_ten_is_honoured(byte tsresol, ulong unitsPerSecond)
    {
        var seconds = unitsPerSecond > 1_000_000_000UL ? 10_000_000UL : 1_700_000_000UL;   // units must fit in 64 bits
        var fraction = unitsPerSecond / 3;
        var path = new PcapNgBlockWriter().Section()
            .Interface(1, tsresol: tsresol)
            .Enhanced(0, (seconds * unitsPerSecond) + fraction, CaptureTestFrames.Udp(1, 2))
            .WriteTo(_dir.File("tsresol.pcapng"));

        using var source = CaptureFiles.Open(path);
        var frame = Assert.Single(FrameCopy.ReadAll(source));

        var expected = ((long)seconds * 1_000_000_000L) + (long)(fraction * (UInt128)1_000_000_000UL / unitsPerSecond);
        Assert.Equal(expected, frame.TimestampNanos);
    }

    [Fact]
    public void If_tsoffset_is_added_in_seconds()
    {
        var path = new PcapNgBlockWriter().Section()
            .Interface(1, tsoffset: 1_600_000_000)
            .Enhanced(0, (5 * Micro) + 7, CaptureTestFrames.Udp(1, 2))
            .WriteTo(_dir.File("tsoffset.pcapng"));

        using var source = CaptureFiles.Open(path);

        Assert.Equal(1_600_000_005_000_007_000L, Assert.Single(FrameCopy.ReadAll(source)).TimestampNanos);
    }

    [Fact]
    public void Simple_packet_blocks_take_the_previous_timestamp_and_the_original_length()
    {
        var full = CaptureTestFrames.Udp(1, 2, payloadLength: 100);
        var path = new PcapNgBlockWriter().Section()
            .Interface(1, snapLength: 64)
            .Enhanced(0, (7 * Micro) + 5, full.AsSpan(0, 64), wireLength: (uint)full.Length)
            .Simple((uint)full.Length, full.AsSpan(0, 64))
            .Simple(20, full.AsSpan(0, 20))
            .WriteTo(_dir.File("spb.pcapng"));

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Empty(source.Errors);
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.Equal(7_000_005_000L, f.TimestampNanos));
        Assert.Equal(full[..64], frames[1].Data);
        Assert.Equal(full.Length, frames[1].WireLength);
        Assert.Equal(full[..20], frames[2].Data);                   // padding is not part of the frame
        Assert.Equal(20, frames[2].WireLength);
    }

    [Fact]
    public void Two_sections_in_different_byte_orders_each_with_their_own_interfaces_are_read()
    {
        var a = CaptureTestFrames.Udp(1, 2);
        var b = CaptureTestFrames.RawIpv4Udp(3, 4);
        var path = new PcapNgBlockWriter()
            .Section().Interface(1).Enhanced(0, 1 * Micro, a)
            .Section(bigEndian: true).Interface(101, tsresol: 9).Enhanced(0, 2_000_000_123UL, b, wireLength: 999)
            .WriteTo(_dir.File("sections.pcapng"));

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Empty(source.Errors);
        Assert.Equal(2, frames.Count);
        Assert.Equal((LinkType.Ethernet, 1_000_000_000L), (frames[0].LinkType, frames[0].TimestampNanos));
        Assert.Equal((LinkType.Raw, 2_000_000_123L, 999), (frames[1].LinkType, frames[1].TimestampNanos, frames[1].WireLength));
        Assert.Equal(b, frames[1].Data);
    }

    [Fact]
    public void Big_endian_pcapng_obsolete_packet_blocks_and_unknown_blocks_are_handled()
    {
        var a = CaptureTestFrames.Udp(1, 2, payloadLength: 5);
        var path = new PcapNgBlockWriter().Section(bigEndian: true)
            .Other(0x0BAD, 12)                                      // custom block before the IDB
            .Interface(1)
            .Other(4, 20)                                           // name resolution block
            .Obsolete(0, (3 * Micro) + 9, a, wireLength: 600)
            .Other(5, 24)                                           // interface statistics block
            .Enhanced(0, 4 * Micro, a)
            .Other(10, 8)                                           // decryption secrets block
            .WriteTo(_dir.File("be-pb.pcapng"));

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Empty(source.Errors);
        Assert.Equal(2, frames.Count);
        Assert.Equal(a, frames[0].Data);
        Assert.Equal(3_000_009_000L, frames[0].TimestampNanos);
        Assert.Equal(600, frames[0].WireLength);
        Assert.Equal(source.TotalBytes, source.ConsumedBytes);
    }

    [Fact]
    public void Unsupported_second_interface_loses_only_its_packets_with_one_error()
    {
        var a = CaptureTestFrames.Udp(1, 2);
        var path = new PcapNgBlockWriter().Section()
            .Interface(1).Interface(105)
            .Enhanced(0, 1 * Micro, a)
            .Enhanced(1, 2 * Micro, new byte[30])
            .Enhanced(1, 3 * Micro, new byte[30])
            .Enhanced(0, 4 * Micro, a)
            .WriteTo(_dir.File("wifi2.pcapng"));

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal(2, frames.Count);
        Assert.Equal([path], source.Files);
        var error = Assert.Single(source.Errors);
        Assert.Equal("interface 1: link type 105 (IEEE802_11) is not supported; its packets are skipped", error.Message);
    }

    [Fact]
    public void Pcapng_whose_first_interface_is_unsupported_is_skipped_like_a_pcap()
    {
        var path = new PcapNgBlockWriter().Section().Interface(105).Enhanced(0, 1, new byte[30]).WriteTo(_dir.File("wifi.pcapng"));

        using var source = CaptureFiles.Open(path);

        Assert.Equal(ReadStatus.EndOfInput, source.Next(out _));
        Assert.Equal("link type 105 (IEEE802_11) is not supported; skipped", Assert.Single(source.Errors).Message);
        Assert.Empty(source.Files);
    }

    [Theory]
    [InlineData(30u)]                  // not a multiple of 4
    [InlineData(8u)]                   // shorter than a block header and trailer
    [InlineData(0x7FFF_FFF0u)]         // far past the end of the file
    public void Absurd_block_length_reports_record_and_exact_offset_after_earlier_packets(uint length)
    {
        var a = CaptureTestFrames.Udp(1, 2);
        var writer = new PcapNgBlockWriter().Section().Interface(1).Enhanced(0, 1, a).Enhanced(0, 2, a);
        var offset = writer.Position;
        var path = writer.Broken(6, length, 64).WriteTo(_dir.File("badlen.pcapng"));

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal(2, frames.Count);
        var error = Assert.Single(source.Errors);
        Assert.Equal((3L, offset), (error.RecordNumber!.Value, error.ByteOffset!.Value));
        Assert.Contains(path, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Epb_claiming_more_bytes_than_it_holds_is_reported()
    {
        var a = CaptureTestFrames.Udp(1, 2);
        var writer = new PcapNgBlockWriter().Section().Interface(1).Enhanced(0, 1, a);
        var offset = writer.Position;
        var path = writer.Enhanced(0, 2, a, claimedCaptureLength: (uint)a.Length + 100).Enhanced(0, 3, a).WriteTo(_dir.File("claims.pcapng"));

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Single(frames);
        var error = Assert.Single(source.Errors);
        Assert.Equal((2L, offset), (error.RecordNumber!.Value, error.ByteOffset!.Value));
    }

    [Fact]
    public void Pcap_record_claiming_more_than_256_KiB_is_reported_at_its_offset()
    {
        var a = CaptureTestFrames.Udp(1, 2);
        var bytes = new PcapFileBuilder().Add(1, 0, a).Add(2, 0, a).ToArray();
        var second = 24 + 16 + a.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(second + 8), 300_000);
        var path = _dir.File("huge.pcap");
        File.WriteAllBytes(path, bytes);

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Single(frames);
        var error = Assert.Single(source.Errors);
        Assert.Equal((2L, (long)second), (error.RecordNumber!.Value, error.ByteOffset!.Value));
        Assert.Contains("300000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Consumed_bytes_is_the_exact_offset_of_the_next_record()
    {
        var a = CaptureTestFrames.Udp(1, 2);
        var path = new PcapFileBuilder().Add(1, 0, a).Add(2, 0, a).Add(3, 0, a).WriteTo(_dir.File("progress.pcap"));

        using var source = CaptureFiles.Open(path);

        Assert.Equal(24 + 16 + a.Length, source.ConsumedBytes);      // the first record is the head already
        Assert.Equal(ReadStatus.Packet, source.Next(out _));
        Assert.Equal(ReadStatus.Packet, source.Next(out _));
        Assert.Equal(24 + (2 * (16 + a.Length)), source.ConsumedBytes);
    }

    [Fact]
    public void Mapped_addresses_use_64_bit_offsets()
    {
        if (IntPtr.Size != 8)
        {
            return;                                                  // 64-bit only
        }
        var basePointer = new IntPtr(0x7F00_0000_1000L);
        Assert.Equal(new IntPtr(0x7F00_0000_1000L + (5L << 30)), MappedCaptureFile.AddressAt(basePointer, 5L << 30));
        Assert.Equal(new IntPtr(0x7F00_0000_1000L + 0x1_0000_0010L), MappedCaptureFile.AddressAt(basePointer, 0x1_0000_0010L));
    }

    [Fact]
    public void Bpf_filter_is_compiled_per_interface_link_type_in_pcapng()
    {
        var path = new PcapNgBlockWriter().Section()
            .Interface(1).Interface(101)
            .Enhanced(0, 1, CaptureTestFrames.Udp(4000, 53))
            .Enhanced(1, 2, CaptureTestFrames.RawIpv4Udp(4000, 53))
            .Enhanced(0, 3, CaptureTestFrames.Tcp(4000, 443))
            .WriteTo(_dir.File("bpf2.pcapng"));

        using var source = CaptureFiles.Open([path], "udp port 53");
        var frames = FrameCopy.ReadAll(source);

        Assert.Empty(source.Errors);
        Assert.Equal([LinkType.Ethernet, LinkType.Raw], frames.Select(f => f.LinkType));
    }

    [Fact]
    public void Reading_files_without_a_filter_never_calls_into_libpcap()
    {
        var pcap = new PcapFileBuilder().Add(1, 0, CaptureTestFrames.Udp(1, 2)).WriteTo(_dir.File("a.pcap"));
        var pcapng = new PcapNgBlockWriter().Section().Interface(1).Interface(105)
            .Enhanced(0, 1, CaptureTestFrames.Udp(1, 2)).Enhanced(1, 2, new byte[30]).WriteTo(_dir.File("b.pcapng"));
        var wifi = new PcapFileBuilder(linkType: 127).Add(1, 0, new byte[30]).WriteTo(_dir.File("c.pcap"));

        var before = PcapNative.LibpcapUsesOnThisThread;
        using (var source = CaptureFiles.Open([pcap, pcapng, wifi]))
        {
            Assert.Equal(2, FrameCopy.ReadAll(source).Count);
            Assert.Equal(2, source.Errors.Count);                       // unsupported link types named without libpcap
        }
        Assert.Equal(before, PcapNative.LibpcapUsesOnThisThread);

        using (var filtered = CaptureFiles.Open([pcap], "udp"))
        {
            Assert.Single(FrameCopy.ReadAll(filtered));
        }
        Assert.True(PcapNative.LibpcapUsesOnThisThread > before);       // the counter does see filter use
    }

    [Fact]
    public void Reading_pcapng_allocates_nothing_per_packet()
    {
        var writer = new PcapNgBlockWriter().Section().Interface(1).Interface(101, tsresol: 0x80 | 20);
        var eth = CaptureTestFrames.Udp(1, 2, payloadLength: 200);
        var raw = CaptureTestFrames.RawIpv4Udp(1, 2);
        for (uint i = 0; i < 10_000; i++)
        {
            writer.Enhanced(i % 2, i, i % 2 == 0 ? eth : raw).Simple(60, eth.AsSpan(0, 60));
        }
        var path = writer.WriteTo(_dir.File("alloc.pcapng"));
        using var source = CaptureFiles.Open(path);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(ReadStatus.Packet, source.Next(out _));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = 0;
        while (source.Next(out var f) == ReadStatus.Packet)
        {
            count += f.Data.Length > 0 ? 1 : 0;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(19_900, count);
        Assert.True(allocated < 4_096, $"allocated {allocated} bytes for {count} packets");
    }
}
