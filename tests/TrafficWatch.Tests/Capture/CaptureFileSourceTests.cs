using TrafficWatch.Capture;
using TrafficWatch.Decode;

namespace TrafficWatch.Tests.Capture;

public sealed class CaptureFileSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Little_endian_microsecond_pcap_is_read_with_data_time_and_lengths()
    {
        var a = CaptureTestFrames.Udp(1000, 53);
        var b = CaptureTestFrames.Tcp(2000, 443);
        var path = new PcapFileBuilder().Add(1_700_000_000, 654_321, a).Add(1_700_000_001, 1, b).WriteTo(_dir.File("le.pcap"));

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Empty(source.Errors);
        Assert.Equal(2, frames.Count);
        Assert.Equal(a, frames[0].Data);
        Assert.Equal(b, frames[1].Data);
        Assert.Equal(1_700_000_000_654_321_000L, frames[0].TimestampNanos);
        Assert.Equal(1_700_000_001_000_001_000L, frames[1].TimestampNanos);
        Assert.Equal(a.Length, frames[0].WireLength);
        Assert.All(frames, f => Assert.Equal(LinkType.Ethernet, f.LinkType));
        Assert.Equal(2, source.Statistics.PacketsRead);
        Assert.Equal(new FileInfo(path).Length, source.TotalBytes);
        Assert.Equal(source.TotalBytes, source.ConsumedBytes);
    }

    [Fact]
    public void Big_endian_classic_pcap_is_read()
    {
        var a = CaptureTestFrames.Udp(1000, 53);
        var path = new PcapFileBuilder(bigEndian: true).Add(1_600_000_000, 250_000, a, wireLength: 1514).WriteTo(_dir.File("be.pcap"));
        Assert.Equal([0xA1, 0xB2, 0xC3, 0xD4], File.ReadAllBytes(path)[..4]);

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Empty(source.Errors);
        var frame = Assert.Single(frames);
        Assert.Equal(a, frame.Data);
        Assert.Equal(1_600_000_000_250_000_000L, frame.TimestampNanos);
        Assert.Equal(1514, frame.WireLength);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Nanosecond_magic_keeps_nanosecond_precision(bool bigEndian)
    {
        var path = new PcapFileBuilder(bigEndian: bigEndian, nanosecond: true)
            .Add(1_700_000_000, 123_456_789, CaptureTestFrames.Udp(1, 2))
            .Add(1_700_000_000, 123_456_790, CaptureTestFrames.Udp(1, 2))
            .WriteTo(_dir.File("ns.pcap"));

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Empty(source.Errors);
        Assert.Equal([1_700_000_000_123_456_789L, 1_700_000_000_123_456_790L], frames.Select(f => f.TimestampNanos));
    }

    [Fact]
    public void Pcapng_written_by_hand_is_read_in_microseconds_and_nanoseconds()
    {
        var a = CaptureTestFrames.Udp(5, 6, payloadLength: 3);           // odd length: exercises EPB padding
        var us = new PcapNgFileBuilder().Add(1_700_000_000, 42, a).Add(1_700_000_002, 999_999, a, wireLength: 900).WriteTo(_dir.File("us.pcapng"));
        var ns = new PcapNgFileBuilder(nanosecond: true).Add(1_700_000_000, 987_654_321, a).WriteTo(_dir.File("ns.pcapng"));

        using (var source = CaptureFiles.Open(us))
        {
            var frames = FrameCopy.ReadAll(source);
            Assert.Empty(source.Errors);
            Assert.Equal(2, frames.Count);
            Assert.Equal(a, frames[0].Data);
            Assert.Equal(1_700_000_000_000_042_000L, frames[0].TimestampNanos);
            Assert.Equal(1_700_000_002_999_999_000L, frames[1].TimestampNanos);
            Assert.Equal(900, frames[1].WireLength);
        }
        using (var source = CaptureFiles.Open(ns))
        {
            var frame = Assert.Single(FrameCopy.ReadAll(source));
            Assert.Equal(1_700_000_000_987_654_321L, frame.TimestampNanos);
        }
    }

    [Fact]
    public void Zero_packet_pcapng_gives_end_of_input_and_no_error()
    {
        var path = new PcapNgFileBuilder().WriteTo(_dir.File("empty.pcapng"));

        using var source = CaptureFiles.Open(path);

        Assert.Equal(ReadStatus.EndOfInput, source.Next(out _));
        Assert.Equal(ReadStatus.EndOfInput, source.Next(out _));
        Assert.Empty(source.Errors);
    }

    [Theory]
    [InlineData(0u, LinkType.Null)]
    [InlineData(1u, LinkType.Ethernet)]
    [InlineData(101u, LinkType.Raw)]
    [InlineData(113u, LinkType.LinuxSll)]
    [InlineData(228u, LinkType.Ipv4)]
    [InlineData(229u, LinkType.Ipv6)]
    [InlineData(276u, LinkType.LinuxSll2)]
    public void Supported_link_types_are_mapped(uint fileLinkType, LinkType expected)
    {
        var data = new byte[] { 0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2 };
        var path = new PcapFileBuilder(linkType: fileLinkType).Add(1, 0, data).WriteTo(_dir.File($"lt{fileLinkType}.pcap"));

        using var source = CaptureFiles.Open(path);
        var frame = Assert.Single(FrameCopy.ReadAll(source));

        Assert.Empty(source.Errors);
        Assert.Equal(expected, frame.LinkType);
    }

    [Fact]
    public void Pcapng_linux_sll2_interface_is_mapped()
    {
        var path = new PcapNgFileBuilder(linkType: 276).Add(1, 0, new byte[40]).WriteTo(_dir.File("sll2.pcapng"));

        using var source = CaptureFiles.Open(path);

        Assert.Equal(LinkType.LinuxSll2, Assert.Single(FrameCopy.ReadAll(source)).LinkType);
    }

    [Fact]
    public void Unsupported_link_type_is_skipped_with_one_clear_error_and_other_files_go_on()
    {
        var wifi = new PcapFileBuilder(linkType: 105).Add(1, 0, new byte[30]).Add(2, 0, new byte[30]).WriteTo(_dir.File("wifi.pcap"));
        var eth = new PcapFileBuilder().Add(3, 0, CaptureTestFrames.Udp(1, 2)).WriteTo(_dir.File("eth.pcap"));

        using var source = CaptureFiles.Open([wifi, eth]);
        var frames = FrameCopy.ReadAll(source);

        var error = Assert.Single(source.Errors);
        Assert.Equal(wifi, error.Source);
        Assert.Equal("link type 105 (IEEE802_11) is not supported; skipped", error.Message);
        Assert.Single(frames);
        Assert.Equal([eth], source.Files);
    }

    [Fact]
    public void Wire_length_comes_from_orig_len_not_captured_length()
    {
        var full = CaptureTestFrames.Udp(7, 8, payloadLength: 1400);
        var path = new PcapFileBuilder(snapLength: 96).Add(1, 0, full.AsSpan(0, 96), wireLength: (uint)full.Length).WriteTo(_dir.File("snap.pcap"));

        using var source = CaptureFiles.Open(path);
        var frame = Assert.Single(FrameCopy.ReadAll(source));

        Assert.Equal(96, frame.Data.Length);
        Assert.Equal(full.Length, frame.WireLength);
        Assert.Equal(full[..96], frame.Data);
    }

    [Fact]
    public void File_cut_inside_a_record_delivers_earlier_records_and_one_error_with_record_and_offset()
    {
        var a = CaptureTestFrames.Udp(1, 2);
        var b = CaptureTestFrames.Udp(3, 4);
        var c = CaptureTestFrames.Udp(5, 6, payloadLength: 100);
        var bytes = new PcapFileBuilder().Add(1, 0, a).Add(2, 0, b).Add(3, 0, c).ToArray();
        var path = _dir.File("cut.pcap");
        File.WriteAllBytes(path, bytes[..^20]);                   // cut inside the third record's data

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal(2, frames.Count);
        Assert.Equal(b, frames[1].Data);
        var error = Assert.Single(source.Errors);
        Assert.Equal(path, error.Source);
        Assert.Equal(3, error.RecordNumber);
        Assert.Equal(24 + (16 + a.Length) + (16 + b.Length), error.ByteOffset);
        Assert.Contains("cut short", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("record 3", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(ReadStatus.EndOfInput, source.Next(out _));
    }

    [Fact]
    public void File_cut_inside_a_record_header_reports_that_record()
    {
        var a = CaptureTestFrames.Udp(1, 2);
        var bytes = new PcapFileBuilder().Add(1, 0, a).Add(2, 0, a).ToArray();
        var path = _dir.File("cuthdr.pcap");
        File.WriteAllBytes(path, bytes[..(24 + 16 + a.Length + 7)]);

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Single(frames);
        var error = Assert.Single(source.Errors);
        Assert.Equal(2, error.RecordNumber);
        Assert.Equal(24 + 16 + a.Length, error.ByteOffset);
    }

    [Fact]
    public void Pcapng_cut_inside_a_block_delivers_earlier_records_and_one_error()
    {
        var a = CaptureTestFrames.Udp(1, 2);
        var bytes = new PcapNgFileBuilder().Add(1, 0, a).Add(2, 0, a).Add(3, 0, a).ToArray();
        var path = _dir.File("cut.pcapng");
        File.WriteAllBytes(path, bytes[..^10]);

        using var source = CaptureFiles.Open(path);
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal(2, frames.Count);
        var error = Assert.Single(source.Errors);
        Assert.Equal(3, error.RecordNumber);
        var epbLength = 32 + ((a.Length + 3) & ~3);
        Assert.Equal(28 + 20 + (2 * epbLength), error.ByteOffset);  // SHB, IDB, two EPBs: the third EPB starts here
    }

    [Fact]
    public void Garbage_file_becomes_an_error_not_an_exception()
    {
        var path = _dir.File("garbage.pcap");
        var random = new Random(42);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        using var source = CaptureFiles.Open(path);

        Assert.Equal(ReadStatus.EndOfInput, source.Next(out _));
        var error = Assert.Single(source.Errors);
        Assert.Equal(path, error.Source);
        Assert.DoesNotContain('\n', error.ToString());
    }

    [Fact]
    public void Missing_and_empty_files_become_errors_and_good_files_still_read()
    {
        var missing = _dir.File("missing.pcap");
        var empty = _dir.File("empty.pcap");
        File.WriteAllBytes(empty, []);
        var good = new PcapFileBuilder().Add(1, 0, CaptureTestFrames.Udp(1, 2)).WriteTo(_dir.File("good.pcap"));

        using var source = CaptureFiles.Open([missing, empty, good]);
        var frames = FrameCopy.ReadAll(source);

        Assert.Single(frames);
        Assert.Equal(0, frames[0].SourceIndex);                    // indexes count opened files only
        Assert.Equal(2, source.Errors.Count);
        Assert.Contains(source.Errors, e => e.Source == missing && e.Message.Contains("no such file", StringComparison.Ordinal));
        Assert.Contains(source.Errors, e => e.Source == empty);
    }

    [Fact]
    public void Bpf_filter_keeps_only_matching_packets_and_keeps_record_numbers_exact()
    {
        var builder = new PcapFileBuilder();
        for (uint i = 0; i < 10; i++)
        {
            builder.Add(i, 0, i % 3 == 0 ? CaptureTestFrames.Udp(4000, 53) : CaptureTestFrames.Tcp(4000, 443));
        }
        var bytes = builder.ToArray();
        var path = _dir.File("mixed.pcap");
        File.WriteAllBytes(path, bytes[..^5]);                     // last record (index 9, udp) cut

        using var source = CaptureFiles.Open([path], "udp port 53");
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal([0L, 3_000_000_000L, 6_000_000_000L], frames.Select(f => f.TimestampNanos));
        Assert.Equal(10, Assert.Single(source.Errors).RecordNumber);
    }

    [Fact]
    public void Bad_bpf_filter_gives_one_line_naming_the_filter_and_libpcap_message()
    {
        var path = new PcapFileBuilder().Add(1, 0, CaptureTestFrames.Udp(1, 2)).WriteTo(_dir.File("f.pcap"));

        var ex = Assert.Throws<CaptureOpenException>(() => CaptureFiles.Open([path], "udp prot 53"));

        Assert.Equal(CaptureOpenFailure.InvalidFilter, ex.Failure);
        Assert.Contains("\"udp prot 53\"", ex.UserMessage, StringComparison.Ordinal);
        Assert.Contains("syntax error", ex.UserMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.UserMessage);
    }

    [Fact]
    public void Filter_that_does_not_fit_a_files_link_type_skips_that_file_with_an_error()
    {
        var raw = new PcapFileBuilder(linkType: 101).Add(1, 0, CaptureTestFrames.RawIpv4Udp(1, 2)).WriteTo(_dir.File("raw.pcap"));
        var eth = new PcapFileBuilder().Add(2, 0, CaptureTestFrames.Udp(1, 2)).WriteTo(_dir.File("eth.pcap"));

        using var source = CaptureFiles.Open([raw, eth], "ether host 02:00:5e:10:00:01");
        var frames = FrameCopy.ReadAll(source);

        Assert.Single(frames);
        var error = Assert.Single(source.Errors);
        Assert.Equal(raw, error.Source);
        Assert.Contains("ether host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_makes_next_return_end_of_input()
    {
        var path = new PcapFileBuilder().Add(1, 0, CaptureTestFrames.Udp(1, 2)).Add(2, 0, CaptureTestFrames.Udp(1, 2)).WriteTo(_dir.File("s.pcap"));
        using var source = CaptureFiles.Open(path);

        Assert.Equal(ReadStatus.Packet, source.Next(out _));
        source.Stop();

        Assert.Equal(ReadStatus.EndOfInput, source.Next(out _));
    }

    [Fact]
    public void Reading_allocates_nothing_per_packet()
    {
        var builder = new PcapFileBuilder();
        var frame = CaptureTestFrames.Udp(1, 2, payloadLength: 200);
        for (uint i = 0; i < 20_000; i++)
        {
            builder.Add(i, 0, frame);
        }
        var a = builder.WriteTo(_dir.File("a.pcap"));
        var b = builder.WriteTo(_dir.File("b.pcap"));
        using var source = CaptureFiles.Open([a, b], "udp");
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(ReadStatus.Packet, source.Next(out _));   // warm up
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = 0;
        while (source.Next(out var f) == ReadStatus.Packet)
        {
            count += f.Data.Length > 0 ? 1 : 0;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(39_900, count);
        Assert.True(allocated < 4_096, $"allocated {allocated} bytes for {count} packets");
    }
}
