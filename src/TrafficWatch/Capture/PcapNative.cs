using System.Runtime.InteropServices;

namespace TrafficWatch.Capture;

/// <summary>
/// The few libpcap functions SharpPcap does not expose publicly (<c>pcap_breakloop</c>,
/// <c>pcap_datalink_val_to_name</c>, <c>pcap_get_selectable_fd</c>) and libc's poll(2). Resolved lazily with <see cref="NativeLibrary"/> so no assembly-wide
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
    private delegate IntPtr DataLinkValToNameFn(int dlt);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetSelectableFdFn(IntPtr pcap);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int PollFn(ref PollFd fds, nuint count, int timeoutMilliseconds);

    private static readonly Lazy<PollFn?> s_poll = new(LoadPoll, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<BufferedOpenFunctions?> s_bufferedOpen = new(LoadBufferedOpen, LazyThreadSafetyMode.ExecutionAndPublication);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr FopenFn([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string mode);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SetvbufFn(IntPtr file, IntPtr buffer, int mode, nuint size);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int FcloseFn(IntPtr file);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr FopenOfflineFn(IntPtr file, uint precision, byte[] errorBuffer);

    /// <summary>True when <see cref="TryOpenOfflineBuffered"/> is available (glibc/macOS libc and libpcap 1.5+).</summary>
    public static bool CanOpenOfflineBuffered => s_bufferedOpen.Value is not null;

    /// <summary>
    /// Opens a capture file like pcap_open_offline_with_tstamp_precision, but through our own FILE* with a
    /// <paramref name="bufferSize"/> stdio buffer: libpcap's default 4 KiB buffer costs one read(2) per 4 KiB.
    /// On success the pcap_t owns the FILE* (pcap_close fcloses it) and the caller owns
    /// <paramref name="buffer"/>, which must be freed with NativeMemory.Free only after pcap_close.
    /// </summary>
    public static bool TryOpenOfflineBuffered(string path, bool nanosecond, int bufferSize, out IntPtr pcap, out IntPtr buffer, out string error)
    {
        pcap = IntPtr.Zero;
        buffer = IntPtr.Zero;
        var fns = s_bufferedOpen.Value;
        if (fns is null)
        {
            error = "buffered open not available";
            return false;
        }
        var file = fns.Fopen(path, "rb");
        if (file == IntPtr.Zero)
        {
            error = "cannot open file";
            return false;
        }
        var memory = AllocBuffer(bufferSize);
        if (fns.Setvbuf(file, memory, 0 /* _IOFBF */, (nuint)bufferSize) != 0)
        {
            FreeBuffer(memory);
            memory = IntPtr.Zero;                           // keep libc's default buffer
        }
        var errorBuffer = new byte[512];
        var handle = fns.FopenOffline(file, nanosecond ? 1u : 0u, errorBuffer);
        if (handle == IntPtr.Zero)
        {
            fns.Fclose(file);
            FreeBuffer(memory);
            var end = Array.IndexOf(errorBuffer, (byte)0);
            error = System.Text.Encoding.UTF8.GetString(errorBuffer, 0, end < 0 ? errorBuffer.Length : end);
            return false;
        }
        pcap = handle;
        buffer = memory;
        error = string.Empty;
        return true;
    }

    public static void FreeBuffer(IntPtr buffer)
    {
        if (buffer != IntPtr.Zero)
        {
            Marshal.FreeHGlobal(buffer);
        }
    }

    private static IntPtr AllocBuffer(int size) => Marshal.AllocHGlobal(size);

    /// <summary>libpcap's short name for a DLT (e.g. <c>IEEE802_11</c>), or null when unknown.</summary>
    public static string? DataLinkName(int dataLinkType)
    {
        try
        {
            var fn = s_functions.Value.DataLinkValToName;
            if (fn is not null)
            {
                var ptr = fn(dataLinkType);
                if (ptr != IntPtr.Zero)
                {
                    return Marshal.PtrToStringAnsi(ptr);
                }
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException or MarshalDirectiveException)
        {
            // fall through to the managed name
        }
        var managed = ((PacketDotNet.LinkLayers)dataLinkType).ToString();
        return int.TryParse(managed, out _) ? null : managed;
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

    private static BufferedOpenFunctions? LoadBufferedOpen()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        IntPtr libc = IntPtr.Zero;
        foreach (var name in new[] { "libc.so.6", "/usr/lib/libSystem.dylib", "libc" })
        {
            if (NativeLibrary.TryLoad(name, out libc))
            {
                break;
            }
        }
        IntPtr libpcap = IntPtr.Zero;
        foreach (var name in s_candidates)
        {
            if (NativeLibrary.TryLoad(name, out libpcap))
            {
                break;
            }
        }
        if (libc == IntPtr.Zero || libpcap == IntPtr.Zero
            || !NativeLibrary.TryGetExport(libc, "fopen", out var fopen)
            || !NativeLibrary.TryGetExport(libc, "setvbuf", out var setvbuf)
            || !NativeLibrary.TryGetExport(libc, "fclose", out var fclose)
            || !NativeLibrary.TryGetExport(libpcap, "pcap_fopen_offline_with_tstamp_precision", out var fopenOffline))
        {
            return null;
        }
        return new BufferedOpenFunctions(
            Marshal.GetDelegateForFunctionPointer<FopenFn>(fopen),
            Marshal.GetDelegateForFunctionPointer<SetvbufFn>(setvbuf),
            Marshal.GetDelegateForFunctionPointer<FcloseFn>(fclose),
            Marshal.GetDelegateForFunctionPointer<FopenOfflineFn>(fopenOffline));
    }

    private sealed record BufferedOpenFunctions(FopenFn Fopen, SetvbufFn Setvbuf, FcloseFn Fclose, FopenOfflineFn FopenOffline);

    private static Functions Load()
    {
        foreach (var name in s_candidates)
        {
            if (!NativeLibrary.TryLoad(name, out var lib))
            {
                continue;
            }
            BreakLoopFn? breakLoop = null;
            DataLinkValToNameFn? valToName = null;
            GetSelectableFdFn? selectableFd = null;
            if (NativeLibrary.TryGetExport(lib, "pcap_get_selectable_fd", out var p3))
            {
                selectableFd = Marshal.GetDelegateForFunctionPointer<GetSelectableFdFn>(p3);
            }
            if (NativeLibrary.TryGetExport(lib, "pcap_breakloop", out var p1))
            {
                breakLoop = Marshal.GetDelegateForFunctionPointer<BreakLoopFn>(p1);
            }
            if (NativeLibrary.TryGetExport(lib, "pcap_datalink_val_to_name", out var p2))
            {
                valToName = Marshal.GetDelegateForFunctionPointer<DataLinkValToNameFn>(p2);
            }
            return new Functions(breakLoop, valToName, selectableFd);
        }
        return new Functions(null, null, null);
    }

    private sealed record Functions(BreakLoopFn? BreakLoop, DataLinkValToNameFn? DataLinkValToName, GetSelectableFdFn? GetSelectableFd);
}
