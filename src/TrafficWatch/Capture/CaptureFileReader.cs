using System.Buffers.Binary;
using SharpPcap;
using SharpPcap.LibPcap;
using TrafficWatch.Decode;

namespace TrafficWatch.Capture;

/// <summary>
/// One capture file read through libpcap (classic pcap in either byte order, usec or nsec, and pcapng), opened
/// with nanosecond precision and a 1 MiB stdio buffer (<see cref="BufferedCaptureFileDevice"/>). Uses <see cref="PcapDevice.GetNextPacketPointers"/> from the caller's thread and
/// decodes the native pcap_pkthdr itself, so a read allocates nothing (SharpPcap's
/// <c>GetNextPacket(out PacketCapture)</c> allocates a PcapHeader and a decimal-based PosixTimeval per packet).
/// The BPF filter is run here with pcap_offline_filter rather than inside libpcap, so record numbers and byte
/// offsets in error messages count every record of the file, filtered or not.
/// </summary>
internal sealed class CaptureFileReader : IDisposable
{
    private const int EstimatedBlockOverhead = 32;     // pcapng EPB framing, for progress estimates only

    private readonly PcapDevice _device;
    private readonly BpfProgram? _filter;
    private readonly long _fractionToNanos;
    private readonly int _recordHeaderLength;          // 16 for classic pcap, 0 when offsets are not tracked
    private readonly List<CaptureError> _errors;
    private IntPtr _header;
    private IntPtr _data;
    private long _recordsRead;
    private long _nextRecordOffset;                    // exact for classic pcap, estimated otherwise

    private CaptureFileReader(string path, ushort sourceIndex, PcapDevice device, LinkType linkType,
        BpfProgram? filter, long fractionToNanos, CaptureFileFormat format, int recordHeaderLength, List<CaptureError> errors)
    {
        Path = path;
        SourceIndex = sourceIndex;
        _device = device;
        LinkType = linkType;
        _filter = filter;
        _fractionToNanos = fractionToNanos;
        Format = format;
        _recordHeaderLength = recordHeaderLength;
        _errors = errors;
        _nextRecordOffset = CaptureFileFormatSniffer.PcapFileHeaderLength;
    }

    public string Path { get; }

    public ushort SourceIndex { get; }

    public LinkType LinkType { get; }

    public CaptureFileFormat Format { get; }

    /// <summary>Timestamp of the current (head) record in ns since the epoch.</summary>
    public long HeadTimestamp;

    /// <summary>Captured length of the current record.</summary>
    public int HeadCaptureLength;

    /// <summary>Original (wire) length of the current record.</summary>
    public long HeadWireLength;

    /// <summary>True once the file is exhausted or broken; no head record then.</summary>
    public bool Finished { get; private set; }

    /// <summary>Approximate bytes of the file consumed so far (exact for classic pcap).</summary>
    public long ConsumedBytes => _nextRecordOffset;

    /// <summary>The current record's bytes; valid until the next <see cref="Advance"/>.</summary>
    public ReadOnlySpan<byte> HeadData => PcapRecordHeader.AsSpan(_data, HeadCaptureLength);

    /// <summary>
    /// Opens <paramref name="path"/>. Never throws for bad input: returns null after adding one error to
    /// <paramref name="errors"/> (unreadable, not a capture, unsupported link type, filter does not compile).
    /// </summary>
    public static CaptureFileReader? TryOpen(string path, ushort sourceIndex, string? filter, List<CaptureError> errors)
    {
        if (!TrySniffFormat(path, errors, out var format, out var recordHeaderLength))
        {
            return null;                                    // could not even read the first bytes
        }

        PcapDevice? device = null;
        BpfProgram? program = null;
        try
        {
            device = BufferedCaptureFileDevice.IsSupported ? new BufferedCaptureFileDevice(path) : new CaptureFileReaderDevice(path);
            try
            {
                device.Open(new DeviceConfiguration { TimestampResolution = TimestampResolution.Nanosecond });
            }
            catch (PcapException ex)
            {
                errors.Add(new CaptureError(path, "cannot read capture: " + CleanOpenMessage(ex.Message)));
                device.Dispose();
                return null;
            }

            var dlt = (int)device.LinkType;
            if (!LinkTypeMapper.TryMap(dlt, out var linkType))
            {
                errors.Add(new CaptureError(path, LinkTypeMapper.UnsupportedMessage(dlt) + "; skipped"));
                device.Dispose();
                return null;
            }

            if (!string.IsNullOrWhiteSpace(filter))
            {
                program = BpfProgram.TryCreate(device.Handle, filter);
                if (program is null)
                {
                    errors.Add(new CaptureError(path, $"capture filter \"{filter}\" does not compile for link type {dlt}: {device.LastError}; skipped"));
                    device.Dispose();
                    return null;
                }
            }

            var fractionToNanos = device.TimestampResolution == TimestampResolution.Nanosecond ? 1L : 1000L;
            return new CaptureFileReader(path, sourceIndex, device, linkType, program, fractionToNanos, format, recordHeaderLength, errors);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            errors.Add(new CaptureError(path, "cannot read capture: " + ex.Message));
            program?.Dispose();
            device?.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Moves to the next record that passes the filter. Returns false at the end of the file or when the file is
    /// damaged (then one error naming the record number, and for classic pcap the byte offset, is recorded).
    /// </summary>
    public bool Advance()
    {
        if (Finished)
        {
            return false;
        }
        while (true)
        {
            int rc;
            try
            {
                rc = _device.GetNextPacketPointers(ref _header, ref _data);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or PcapException or InvalidOperationException)
            {
                Fail("read failed: " + ex.Message);
                return false;
            }

            if (rc == 1)
            {
                PcapRecordHeader.Read(_header, _fractionToNanos, out HeadTimestamp, out HeadCaptureLength, out HeadWireLength);
                _recordsRead++;
                _nextRecordOffset += (_recordHeaderLength > 0 ? _recordHeaderLength : EstimatedBlockOverhead) + (uint)HeadCaptureLength;
                if (_filter is not null && !_filter.Matches(_header, _data))
                {
                    continue;
                }
                return true;
            }
            if (rc == -2)
            {
                Finished = true;                               // PCAP_ERROR_BREAK: clean end of file
                return false;
            }
            Fail(rc == -1 ? _device.LastError : $"unexpected pcap_next_ex result {rc}");
            return false;
        }
    }

    private void Fail(string libpcapMessage)
    {
        Finished = true;
        var message = string.IsNullOrWhiteSpace(libpcapMessage) ? "read error" : libpcapMessage.Trim();
        _errors.Add(new CaptureError(Path, "capture file is damaged or cut short after " + _recordsRead
                + (_recordsRead == 1 ? " record: " : " records: ") + message,
            _recordsRead + 1,
            _recordHeaderLength > 0 ? _nextRecordOffset : null));
    }

    public void Dispose()
    {
        Finished = true;
        _filter?.Dispose();
        _device.Dispose();
    }

    private static bool TrySniffFormat(string path, List<CaptureError> errors, out CaptureFileFormat format, out int recordHeaderLength)
    {
        format = CaptureFileFormat.Unknown;
        recordHeaderLength = 0;
        try
        {
            Span<byte> magic = stackalloc byte[4];
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4)
            {
                return true;                                    // libpcap will name the problem
            }
            var value = BinaryPrimitives.ReadUInt32BigEndian(magic);
            format = CaptureFileFormatSniffer.Sniff(value);
            var standardPcap = value is 0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1;
            recordHeaderLength = standardPcap ? CaptureFileFormatSniffer.PcapRecordHeaderLength : 0;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new CaptureError(path, "cannot read capture: " + ex.Message));
            return false;
        }
    }

    private static string CleanOpenMessage(string message)
    {
        const string prefix = "Unable to open offline adapter: ";
        var text = message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
        return text.Replace('\n', ' ').Trim();
    }
}
