using System.Globalization;
using TrafficWatch.Capture;
using TrafficWatch.Pipeline;

namespace TrafficWatch.Cli.Console;

/// <summary>
/// A one-line progress display on a terminal (percent, packets/s, MB/s, ETA), redrawn twice a second
/// from a timer. Shown only when standard error is a terminal. Wall-clock here is for the human only;
/// nothing in the results depends on it.
/// </summary>
internal sealed class ProgressDisplay : IDisposable
{
    private readonly IPacketSource _source;
    private readonly PipelineStatistics _stats;
    private readonly TextWriter _out;
    private readonly Timer _timer;
    private readonly DateTime _started = DateTime.UtcNow;
    private bool _drawn;

    private ProgressDisplay(IPacketSource source, PipelineStatistics stats, TextWriter output)
    {
        _source = source;
        _stats = stats;
        _out = output;
        _timer = new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    public static ProgressDisplay? StartIfTerminal(IPacketSource source, PipelineStatistics stats, TextWriter output)
        => System.Console.IsErrorRedirected ? null : new ProgressDisplay(source, stats, output);

    private void Draw()
    {
        var elapsed = (DateTime.UtcNow - _started).TotalSeconds;
        if (elapsed <= 0)
        {
            return;
        }
        var packets = Volatile.Read(ref _stats.Packets);
        var bytes = Volatile.Read(ref _stats.Bytes);
        var line = string.Create(CultureInfo.InvariantCulture, $"{packets:N0} packets, {packets / elapsed:N0} pkt/s, {bytes / elapsed / 1e6:N1} MB/s");
        var total = _source.TotalBytes;
        if (total > 0)
        {
            var done = Math.Clamp(_source.ConsumedBytes / (double)total, 0, 1);
            var eta = done > 0.001 ? TimeSpan.FromSeconds(elapsed / done - elapsed) : TimeSpan.Zero;
            line = string.Create(CultureInfo.InvariantCulture, $"{done * 100,5:F1}%  {line}, ETA {eta:hh\\:mm\\:ss}");
        }
        lock (_out)
        {
            _out.Write("\r\u001b[K" + line);
            _drawn = true;
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_out)
        {
            if (_drawn)
            {
                _out.Write("\r\u001b[K");
            }
        }
    }
}
