using System.ComponentModel.DataAnnotations;

namespace TrafficWatch.Capture;

/// <summary>Live capture settings (configuration section <c>Capture</c>).</summary>
public sealed class CaptureOptions
{
    public const string Section = "Capture";

    public const int DefaultSnapLength = 262_144;
    public const int DefaultKernelBufferBytes = 64 * 1024 * 1024;
    public const int DefaultReadTimeoutMilliseconds = 100;
    public const int DefaultStatisticsIntervalMilliseconds = 1_000;

    /// <summary>Interface to open (as listed by <c>tcpdump -D</c>). Defaults to <c>any</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Interface { get; set; } = "any";

    /// <summary>Optional BPF filter (pcap-filter(7) syntax), applied in the kernel. Defaults to none.</summary>
    public string? Filter { get; set; }

    /// <summary>Bytes kept of each packet. Defaults to 262144 (tcpdump's default: whole packets).</summary>
    [Range(64, 262_144)]
    public int SnapLength { get; set; } = DefaultSnapLength;

    /// <summary>Put the interface into promiscuous mode (needs CAP_NET_ADMIN). Defaults to true: a monitor
    /// port or mirrored VLAN carries traffic addressed to other hosts.</summary>
    public bool Promiscuous { get; set; } = true;

    /// <summary>Kernel ring buffer size in bytes (pcap_set_buffer_size). Defaults to 64 MiB, which absorbs
    /// roughly a second of a saturated 1 Gb/s link before the kernel starts dropping (see ps_drop).</summary>
    [Range(1 * 1024 * 1024, 2047 * 1024 * 1024)]
    public int KernelBufferBytes { get; set; } = DefaultKernelBufferBytes;

    /// <summary>Read timeout in milliseconds: how long <see cref="IPacketSource.Next"/> waits before returning
    /// <see cref="ReadStatus.Timeout"/> so the pipeline can advance timers. Defaults to 100 ms.</summary>
    [Range(1, 10_000)]
    public int ReadTimeoutMilliseconds { get; set; } = DefaultReadTimeoutMilliseconds;

    /// <summary>Deliver each packet as soon as it arrives instead of in blocks (lower latency, more CPU).
    /// Defaults to false.</summary>
    public bool ImmediateMode { get; set; }

    /// <summary>How often kernel and interface drop counters are refreshed from pcap_stats. Defaults to 1 s.</summary>
    [Range(100, 600_000)]
    public int StatisticsIntervalMilliseconds { get; set; } = DefaultStatisticsIntervalMilliseconds;
}
