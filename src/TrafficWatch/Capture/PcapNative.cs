using System.Runtime.InteropServices;

namespace TrafficWatch.Capture;

/// <summary>
/// The few libpcap functions SharpPcap does not expose publicly (<c>pcap_breakloop</c>, <c>pcap_get_selectable_fd</c>
/// for live capture; <c>pcap_open_dead</c> and <c>pcap_geterr</c> for compiling BPF filters for files) and libc's poll(2).
/// Capture files are read by the managed <see cref="MappedCaptureFileReader"/>: libpcap is loaded only for live
/// capture and for BPF filters. Resolved lazily with <see cref="NativeLibrary"/> so no assembly-wide
/// DllImport resolver is needed; everything degrades gracefully when libpcap cannot be found.
/// Not on the per-packet path.
/// </summary>
internal static class PcapNative
{
    private static readonly string[] s_candidates =
    [
        "libpcap.so.1", "libpcap.so.0.8", "libpcap.so", "libpcap.A.dylib", "libpcap.dylib", "wpcap",
    ];

    private static readonly Lazy<Functions> s_functions = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void BreakLoopFn(IntPtr pcap);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetSelectableFdFn(IntPtr pcap);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int PollFn(ref PollFd fds, nuint count, int timeoutMilliseconds);

    private static readonly Lazy<PollFn?> s_poll = new(LoadPoll, LazyThreadSafetyMode.ExecutionAndPublication);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr OpenDeadFn(int linkType, int snapLength);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GetErrFn(IntPtr pcap);

    /// <summary>libpcap's short name for a DLT (e.g. <c>IEEE802_11</c>), or null when unknown. Managed: never loads libpcap.</summary>
    public static string? DataLinkName(int dataLinkType) => DataLinkNames.Lookup(dataLinkType);

    /// <summary>The one-line error when a BPF filter is given but libpcap cannot be loaded.</summary>
    public const string MissingForFilters = "BPF filters need libpcap (apt-get install libpcap0.8)";

    [ThreadStatic]
    private static int t_libpcapUses;

    /// <summary>
    /// How many times the current thread asked for libpcap on the file-replay path (filter compilation). Tests use
    /// it to check that opening and reading files without a filter never reaches libpcap.
    /// </summary>
    public static int LibpcapUsesOnThisThread => t_libpcapUses;

    public static void NoteLibpcapUse() => t_libpcapUses++;

    /// <summary>True when libpcap can be loaded.</summary>
    public static bool IsAvailable => s_functions.Value.Available;

    /// <summary>pcap_open_dead(linktype, snaplen), or IntPtr.Zero when libpcap is missing.</summary>
    public static IntPtr OpenDead(int dataLinkType, int snapLength)
    {
        var fn = s_functions.Value.OpenDead;
        return fn is null ? IntPtr.Zero : fn(dataLinkType, snapLength);
    }

    /// <summary>pcap_geterr for a handle we opened.</summary>
    public static string GetError(IntPtr pcap)
    {
        var fn = s_functions.Value.GetErr;
        var ptr = fn is null || pcap == IntPtr.Zero ? IntPtr.Zero : fn(pcap);
        return ptr == IntPtr.Zero ? string.Empty : Marshal.PtrToStringUTF8(ptr) ?? string.Empty;
    }

    /// <summary>Wakes a thread blocked in <c>pcap_next_ex</c> on <paramref name="pcap"/> (libpcap 1.10+ on Linux).</summary>
    public static bool TryBreakLoop(IntPtr pcap)
    {
        var fn = s_functions.Value.BreakLoop;
        if (fn is null || pcap == IntPtr.Zero)
        {
            return false;
        }
        fn(pcap);
        return true;
    }

    /// <summary>pcap_get_selectable_fd, or -1 when unavailable (Windows, or libpcap not found).</summary>
    public static int GetSelectableFd(IntPtr pcap)
    {
        var fn = s_functions.Value.GetSelectableFd;
        return fn is null || pcap == IntPtr.Zero ? -1 : fn(pcap);
    }

    /// <summary>True when <see cref="Poll"/> can be used.</summary>
    public static bool CanPoll => s_poll.Value is not null;

    /// <summary>
    /// Waits up to <paramref name="timeoutMilliseconds"/> for <paramref name="fd"/> to become readable.
    /// Returns poll(2)'s result: &gt;0 readable, 0 timed out, &lt;0 error (EINTR included).
    /// </summary>
    public static int Poll(int fd, int timeoutMilliseconds)
    {
        var fn = s_poll.Value;
        if (fn is null)
        {
            return 1;
        }
        var pollFd = new PollFd { Fd = fd, Events = PollIn | PollPri };
        return fn(ref pollFd, 1, timeoutMilliseconds);
    }

    private const short PollIn = 0x001;
    private const short PollPri = 0x002;

    private static PollFn? LoadPoll()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        foreach (var name in new[] { "libc.so.6", "libc.so", "/usr/lib/libSystem.dylib", "libc" })
        {
            if (NativeLibrary.TryLoad(name, out var lib) && NativeLibrary.TryGetExport(lib, "poll", out var fn))
            {
                return Marshal.GetDelegateForFunctionPointer<PollFn>(fn);
            }
        }
        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    private static Functions Load()
    {
        foreach (var name in s_candidates)
        {
            if (!NativeLibrary.TryLoad(name, out var lib))
            {
                continue;
            }
            return new Functions(
                true,
                Export<BreakLoopFn>(lib, "pcap_breakloop"),
                Export<GetSelectableFdFn>(lib, "pcap_get_selectable_fd"),
                Export<OpenDeadFn>(lib, "pcap_open_dead"),
                Export<GetErrFn>(lib, "pcap_geterr"));
        }
        return new Functions(false, null, null, null, null);
    }

    private static T? Export<T>(IntPtr lib, string name)
        where T : Delegate
        => NativeLibrary.TryGetExport(lib, name, out var p) ? Marshal.GetDelegateForFunctionPointer<T>(p) : null;

    private sealed record Functions(bool Available, BreakLoopFn? BreakLoop, GetSelectableFdFn? GetSelectableFd,
        OpenDeadFn? OpenDead, GetErrFn? GetErr);
}
