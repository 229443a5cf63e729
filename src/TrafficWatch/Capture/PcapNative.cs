using System.Runtime.InteropServices;

namespace TrafficWatch.Capture;

/// <summary>
/// The few libpcap functions SharpPcap does not expose publicly (<c>pcap_breakloop</c>,
/// <c>pcap_datalink_val_to_name</c>). Resolved lazily with <see cref="NativeLibrary"/> so no assembly-wide
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
            if (NativeLibrary.TryGetExport(lib, "pcap_breakloop", out var p1))
            {
                breakLoop = Marshal.GetDelegateForFunctionPointer<BreakLoopFn>(p1);
            }
            if (NativeLibrary.TryGetExport(lib, "pcap_datalink_val_to_name", out var p2))
            {
                valToName = Marshal.GetDelegateForFunctionPointer<DataLinkValToNameFn>(p2);
            }
            return new Functions(breakLoop, valToName);
        }
        return new Functions(null, null);
    }

    private sealed record Functions(BreakLoopFn? BreakLoop, DataLinkValToNameFn? DataLinkValToName);
}
