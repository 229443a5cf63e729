using System.Diagnostics;
using TrafficWatch.Tests.Support;
using Xunit.Abstractions;

namespace TrafficWatch.Tests.Outputs.Report;

/// <summary>
/// Runs Debian's <c>chromium</c> headless on a local file (no sandbox: tests may run as root; no GPU) to dump the
/// DOM it built or print a PDF. Missing chromium: a visible skip, or a failure when env <c>CI=true</c>.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly string[] s_candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

    public static string? Find() => s_candidates.FirstOrDefault(File.Exists);

    public static bool TryLocate(ITestOutputHelper output, out string path)
    {
        path = Find() ?? string.Empty;
        if (path.Length > 0)
        {
            return true;
        }
        return SharedTestData.Missing(output, "headless Chromium not found (apt-get install chromium)", out _);
    }

    /// <summary>The serialized DOM after loading <paramref name="htmlPath"/> (<c>--dump-dom</c>).</summary>
    public static async Task<string> DumpDomAsync(string chromium, string htmlPath, string profileDirectory)
    {
        var (code, stdout, stderr) = await RunAsync(chromium, profileDirectory, "--dump-dom", new Uri(htmlPath).AbsoluteUri);
        Assert.True(code == 0, $"chromium --dump-dom exited {code}: {stderr}");
        return stdout;
    }

    /// <summary>Prints <paramref name="htmlPath"/> to <paramref name="pdfPath"/> (<c>--print-to-pdf</c>).</summary>
    public static async Task PrintToPdfAsync(string chromium, string htmlPath, string pdfPath, string profileDirectory)
    {
        var (code, _, stderr) = await RunAsync(chromium, profileDirectory, "--no-pdf-header-footer", "--print-to-pdf=" + pdfPath, new Uri(htmlPath).AbsoluteUri);
        Assert.True(code == 0, $"chromium --print-to-pdf exited {code}: {stderr}");
    }

    private static async Task<(int Code, string StdOut, string StdErr)> RunAsync(string chromium, string profileDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-extensions", "--disable-background-networking", "--user-data-dir=" + profileDirectory })
        {
            info.ArgumentList.Add(a);
        }
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + chromium);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish in 2 minutes: " + string.Join(' ', args));
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
