using System.Runtime.InteropServices;

namespace TrafficWatch.Capture;

/// <summary>
/// madvise(MADV_SEQUENTIAL) on a mapped capture file so the kernel reads ahead aggressively and drops pages behind
/// us (matters with a cold page cache; with a warm one it measured the same as without). Linux only, best effort:
/// any failure is ignored.
/// </summary>
internal static class LibcAdvice
{
    private const int MadvSequential = 2;

    private static readonly Lazy<MadviseFn?> s_madvise = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MadviseFn(IntPtr address, nuint length, int advice);

    public static void Sequential(IntPtr address, long length)
    {
        if (length <= 0 || !OperatingSystem.IsLinux())
        {
            return;
        }
        var fn = s_madvise.Value;
        if (fn is null)
        {
            return;
        }
        var page = Environment.SystemPageSize;
        var aligned = address & ~(nint)(page - 1);           // madvise wants a page-aligned start
        fn(aligned, (nuint)(length + (address - aligned)), MadvSequential);
    }

    private static MadviseFn? Load()
    {
        foreach (var name in new[] { "libc.so.6", "libc" })
        {
            if (NativeLibrary.TryLoad(name, out var lib) && NativeLibrary.TryGetExport(lib, "madvise", out var fn))
            {
                return Marshal.GetDelegateForFunctionPointer<MadviseFn>(fn);
            }
        }
        return null;
    }
}
