using System.ComponentModel.DataAnnotations;
using SharpPcap;
using SharpPcap.LibPcap;
using TrafficWatch.Decode;

namespace TrafficWatch.Capture;

/// <summary>
/// Live capture from one interface through libpcap. <see cref="Next"/> is called from the consumer's own
/// thread and reads with <see cref="PcapDevice.GetNextPacketPointers"/> (zero-copy, no per-packet allocation,
/// no SharpPcap event thread). It returns <see cref="ReadStatus.Timeout"/> after the read timeout when
/// nothing arrives, and <see cref="ReadStatus.EndOfInput"/> once <see cref="Stop"/> was called (from any
/// thread). Kernel (ps_drop) and interface (ps_ifdrop) drop counters are refreshed periodically.
/// </summary>
public sealed class LiveCaptureSource : IPacketSource
{
    private readonly LibPcapLiveDevice _device;
    private readonly LinkType _linkType;
    private readonly ushort _sourceIndex;
    private readonly long _fractionToNanos;
    private readonly long _statisticsIntervalMs;
    private readonly int _readTimeoutMs;
    private readonly int _selectableFd;                  // >= 0: non-blocking reads + our own poll(2)
    private readonly List<CaptureError> _errors = [];
    private readonly CaptureStatistics _statistics = new();
    private readonly object _statisticsLock = new();
    private IntPtr _header;
    private IntPtr _data;
    private long _nextStatisticsAt;
    private volatile bool _stopRequested;
    private bool _finished;
    private int _disposed;

    private LiveCaptureSource(LibPcapLiveDevice device, LinkType linkType, ushort sourceIndex, long fractionToNanos,
        CaptureOptions options, IReadOnlyList<string> notes)
    {
        _device = device;
        _linkType = linkType;
        _sourceIndex = sourceIndex;
        _fractionToNanos = fractionToNanos;
        _statisticsIntervalMs = options.StatisticsIntervalMilliseconds;
        _readTimeoutMs = options.ReadTimeoutMilliseconds;
        _selectableFd = SetUpPolling(device);
        _nextStatisticsAt = Environment.TickCount64 + _statisticsIntervalMs;
        Notes = notes;
        Interface = options.Interface;
        Description = string.IsNullOrWhiteSpace(options.Filter)
            ? $"interface {options.Interface}"
            : $"interface {options.Interface} (filter \"{options.Filter}\")";
    }

    public string Description { get; }

    /// <summary>The interface name.</summary>
    public string Interface { get; }

    /// <summary>Warnings from opening, e.g. a setting the platform does not support.</summary>
    public IReadOnlyList<string> Notes { get; }

    public IReadOnlyList<CaptureError> Errors => _errors;

    public CaptureStatistics Statistics => _statistics;

    public long TotalBytes => 0;

    public long ConsumedBytes => Volatile.Read(ref _statistics.BytesRead);

    /// <summary>
    /// Opens and activates the interface in <paramref name="options"/>.
    /// </summary>
    /// <exception cref="CaptureOpenException">Unknown interface (message lists the available ones), missing
    /// capabilities, bad filter, unsupported link type or invalid options. One line, meant for the user.</exception>
    public static LiveCaptureSource Open(CaptureOptions options, ushort sourceIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptions(options);

        LibPcapLiveDevice? device = null;
        IReadOnlyList<string> names;
        try
        {
            var list = LibPcapLiveDeviceList.New();
            names = list.Select(static d => d.Name).ToArray();
            device = list.FirstOrDefault(d => string.Equals(d.Name, options.Interface, StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is PcapException or DllNotFoundException or TypeInitializationException)
        {
            throw new CaptureOpenException(CaptureOpenFailure.Other,
                "cannot list capture interfaces: " + CaptureFiles.OneLine(ex.Message) + " (is libpcap installed?)", ex);
        }
        if (device is null)
        {
            throw new CaptureOpenException(CaptureOpenFailure.NoSuchInterface, UnknownInterfaceMessage(options.Interface, names));
        }

        var notes = new List<string>();
        var configuration = new DeviceConfiguration
        {
            Mode = options.Promiscuous ? DeviceModes.Promiscuous : DeviceModes.None,
            Snaplen = options.SnapLength,
            ReadTimeout = options.ReadTimeoutMilliseconds,
            BufferSize = options.KernelBufferBytes,
            Immediate = options.ImmediateMode ? true : null,
            TimestampResolution = TimestampResolution.Nanosecond,
        };
        configuration.ConfigurationFailed += (_, e) => notes.Add($"{options.Interface}: {e.Property} not applied: {CaptureFiles.OneLine(e.Message)}");

        try
        {
            device.Open(configuration);
        }
        catch (PcapException ex)
        {
            var detail = SafeLastError(device);
            device.Dispose();
            throw MapOpenError(options, ex.Error, CaptureFiles.OneLine(string.IsNullOrWhiteSpace(detail) ? ex.Message : detail), names, ex);
        }
        catch (Exception ex) when (ex is DllNotFoundException or PlatformNotSupportedException or InvalidOperationException)
        {
            device.Dispose();
            throw new CaptureOpenException(CaptureOpenFailure.Other,
                $"cannot open interface \"{options.Interface}\": {CaptureFiles.OneLine(ex.Message)}", ex);
        }

        try
        {
            var dlt = (int)device.LinkType;
            if (!LinkTypeMapper.TryMap(dlt, out var linkType))
            {
                throw new CaptureOpenException(CaptureOpenFailure.UnsupportedLinkType,
                    $"interface \"{options.Interface}\": {LinkTypeMapper.UnsupportedMessage(dlt)}");
            }
            if (!string.IsNullOrWhiteSpace(options.Filter))
            {
                try
                {
                    device.Filter = options.Filter;               // compiled for this link type, applied in the kernel
                }
                catch (PcapException ex)
                {
                    throw new CaptureOpenException(CaptureOpenFailure.InvalidFilter,
                        $"invalid capture filter \"{options.Filter}\": {CaptureFiles.OneLine(StripFilterPrefix(ex.Message))}", ex);
                }
            }
            var fractionToNanos = device.TimestampResolution == TimestampResolution.Nanosecond ? 1L : 1000L;
            return new LiveCaptureSource(device, linkType, sourceIndex, fractionToNanos, options, notes);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    public ReadStatus Next(out RawFrame frame)
    {
        frame = default;
        if (_stopRequested || _finished)
        {
            return ReadStatus.EndOfInput;
        }
        int rc;
        try
        {
            rc = _device.GetNextPacketPointers(ref _header, ref _data);
            if (rc == 0 && _selectableFd >= 0)
            {
                // Non-blocking handle and nothing buffered: wait on the descriptor ourselves. libpcap's own
                // wait cannot be used: with TPACKET_V3 it blocks until a block is full or holds a packet, so
                // an idle interface would never time out.
                if (PcapNative.Poll(_selectableFd, _readTimeoutMs) > 0 && !_stopRequested)
                {
                    rc = _device.GetNextPacketPointers(ref _header, ref _data);
                }
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or PcapException or InvalidOperationException)
        {
            if (!_stopRequested)
            {
                _errors.Add(new CaptureError(Interface, "capture failed: " + CaptureFiles.OneLine(ex.Message)));
            }
            _finished = true;
            return ReadStatus.EndOfInput;
        }

        if (rc == 1)
        {
            if (_stopRequested)
            {
                return ReadStatus.EndOfInput;
            }
            PcapRecordHeader.Read(_header, _fractionToNanos, out var timestamp, out var captureLength, out var wireLength);
            frame = new RawFrame(PcapRecordHeader.AsSpan(_data, captureLength), new PacketTime(timestamp),
                wireLength > int.MaxValue ? int.MaxValue : (int)wireLength, _linkType, _sourceIndex);
            var packets = ++_statistics.PacketsRead;
            _statistics.BytesRead += captureLength;
            if ((packets & 1023) == 0)
            {
                MaybeRefreshStatistics();
            }
            return ReadStatus.Packet;
        }
        if (rc == 0)
        {
            MaybeRefreshStatistics();
            return _stopRequested ? ReadStatus.EndOfInput : ReadStatus.Timeout;
        }
        if (rc == -2 || _stopRequested)
        {
            return ReadStatus.EndOfInput;                       // pcap_breakloop from Stop()
        }
        _errors.Add(new CaptureError(Interface, "capture failed: " + CaptureFiles.OneLine(SafeLastError(_device))));
        _finished = true;
        return ReadStatus.EndOfInput;
    }

    /// <summary>Reads pcap_stats now (kernel and interface drops). Safe to call from any thread.</summary>
    public void RefreshStatistics()
    {
        lock (_statisticsLock)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }
            try
            {
                if (_device.Statistics is PcapStatistics stats)
                {
                    Volatile.Write(ref _statistics.KernelDrops, stats.DroppedPackets);
                    Volatile.Write(ref _statistics.InterfaceDrops, stats.InterfaceDroppedPackets);
                }
            }
            catch (Exception ex) when (ex is PcapException or ObjectDisposedException or DeviceNotReadyException)
            {
                // statistics are best effort; the capture itself reports real failures
            }
        }
    }

    /// <summary>Asks the capture to stop; <see cref="Next"/> returns <see cref="ReadStatus.EndOfInput"/> within one read timeout.</summary>
    public void Stop()
    {
        if (_stopRequested)
        {
            return;
        }
        _stopRequested = true;
        RefreshStatistics();
        var handle = _device.Handle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            PcapNative.TryBreakLoop(handle.DangerousGetHandle());   // wakes a blocked pcap_next_ex on libpcap >= 1.10
        }
        catch (ObjectDisposedException)
        {
            // already closed
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _stopRequested = true;
        _device.Dispose();
    }

    internal static string UnknownInterfaceMessage(string name, IReadOnlyList<string> available)
        => available.Count == 0
            ? $"capture interface \"{name}\" not found; libpcap lists no interfaces (missing CAP_NET_RAW? run as root or grant it with: sudo setcap cap_net_raw,cap_net_admin=eip <path to trafficwatch>)"
            : $"capture interface \"{name}\" not found; available: {string.Join(", ", available)}";

    internal static CaptureOpenException MapOpenError(CaptureOptions options, PcapError error, string detail,
        IReadOnlyList<string> available, Exception? inner = null)
    {
        var name = options.Interface;
        return error switch
        {
            PcapError.PermissionDenied => new CaptureOpenException(CaptureOpenFailure.PermissionDenied,
                $"no permission to capture on \"{name}\": the CAP_NET_RAW capability is missing{(options.Promiscuous ? " (and CAP_NET_ADMIN for promiscuous mode)" : string.Empty)}; run as root or grant it with: sudo setcap cap_net_raw,cap_net_admin=eip <path to trafficwatch> ({detail})", inner),
            PcapError.PromiscuousPermissionDenied => new CaptureOpenException(CaptureOpenFailure.PermissionDenied,
                $"no permission to put \"{name}\" into promiscuous mode: the CAP_NET_ADMIN capability is missing; run as root, grant it with: sudo setcap cap_net_raw,cap_net_admin=eip <path to trafficwatch>, or set Capture:Promiscuous=false ({detail})", inner),
            PcapError.NoSuchDevice => new CaptureOpenException(CaptureOpenFailure.NoSuchInterface,
                UnknownInterfaceMessage(name, available), inner),
            PcapError.InterfaceNotUp => new CaptureOpenException(CaptureOpenFailure.InterfaceDown,
                $"interface \"{name}\" is down; bring it up first (ip link set {name} up)", inner),
            _ => new CaptureOpenException(CaptureOpenFailure.Other, $"cannot open interface \"{name}\": {detail}", inner),
        };
    }

    private static int SetUpPolling(LibPcapLiveDevice device)
    {
        if (OperatingSystem.IsWindows() || !PcapNative.CanPoll)
        {
            return -1;                                      // blocking pcap_next_ex with the read timeout
        }
        var fd = PcapNative.GetSelectableFd(device.Handle.DangerousGetHandle());
        if (fd < 0)
        {
            return -1;
        }
        try
        {
            device.NonBlockingMode = true;
            return fd;
        }
        catch (PcapException)
        {
            return -1;
        }
    }

    private void MaybeRefreshStatistics()
    {
        var now = Environment.TickCount64;
        if (now >= _nextStatisticsAt)
        {
            _nextStatisticsAt = now + _statisticsIntervalMs;
            RefreshStatistics();
        }
    }

    private static void ValidateOptions(CaptureOptions options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var messages = string.Join("; ", results.Select(static r => r.ErrorMessage));
            throw new CaptureOpenException(CaptureOpenFailure.InvalidOptions, $"invalid {CaptureOptions.Section} options: {messages}");
        }
    }

    private static string SafeLastError(PcapDevice device)
    {
        try
        {
            return device.LastError;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or DeviceNotReadyException or PcapException)
        {
            return string.Empty;
        }
    }

    private static string StripFilterPrefix(string message)
    {
        // SharpPcap: "Can't set filter (expr) : libpcap message" or just libpcap's message from pcap_compile
        var idx = message.IndexOf(") : ", StringComparison.Ordinal);
        return idx >= 0 ? message[(idx + 4)..] : message;
    }
}
