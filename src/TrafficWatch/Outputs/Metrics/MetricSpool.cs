using System.Globalization;
using Microsoft.Extensions.Logging;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>
/// On-disk queue of line-protocol batches the server could not take: one file per batch, written to a
/// temporary name, fsync'ed, then renamed, so a crash or SIGTERM after <see cref="TryAppend"/> returned never
/// loses the batch. Files are sent oldest first and deleted only after the server accepted (or rejected) them.
/// Total size is bounded: the oldest batches are dropped, and counted, to make room.
/// </summary>
internal sealed class MetricSpool
{
    private const string Extension = ".lp";
    private const string TempExtension = ".tmp";

    private readonly Lock _gate = new();
    private readonly LinkedList<SpoolEntry> _entries = new();
    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private long _nextSequence;
    private long _totalBytes;
    private long _droppedPoints;
    private long _ioErrors;

    public MetricSpool(string directory, long maxBytes, ILogger logger)
    {
        _directory = Path.GetFullPath(directory);
        _maxBytes = maxBytes;
        _logger = logger;
        if (maxBytes > 0)
        {
            Recover();
        }
    }

    public string Directory => _directory;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public long DroppedPoints => Interlocked.Read(ref _droppedPoints);

    public long IoErrors => Interlocked.Read(ref _ioErrors);

    /// <summary>Stores a batch durably. False when the spool is disabled, the batch alone exceeds the bound, or
    /// the disk failed; the caller counts those points as dropped.</summary>
    public bool TryAppend(ReadOnlySpan<byte> body, int points)
    {
        if (_maxBytes <= 0 || body.Length > _maxBytes)
        {
            return false;
        }
        lock (_gate)
        {
            MakeRoom(body.Length);
            var sequence = _nextSequence++;
            var name = string.Create(CultureInfo.InvariantCulture, $"{sequence:D16}-{points}{Extension}");
            var path = Path.Combine(_directory, name);
            var temp = path + TempExtension;
            try
            {
                System.IO.Directory.CreateDirectory(_directory);
                using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
                {
                    stream.Write(body);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temp, path, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Interlocked.Increment(ref _ioErrors);
                MetricsLog.SpoolIoFailed(_logger, temp, ex.Message);
                TryDelete(temp);
                return false;
            }
            _entries.AddLast(new SpoolEntry(path, sequence, points, body.Length));
            Interlocked.Add(ref _totalBytes, body.Length);
            return true;
        }
    }

    /// <summary>Takes the oldest batch for sending and marks it in flight.</summary>
    public bool TryBeginOldest(out SpoolEntry entry)
    {
        lock (_gate)
        {
            var first = _entries.First;
            if (first is null)
            {
                entry = null!;
                return false;
            }
            entry = first.Value;
            entry.InFlight = true;
            return true;
        }
    }

    /// <summary>Reads a batch body; null when the file is gone or unreadable (then it is removed and counted).</summary>
    public byte[]? TryRead(SpoolEntry entry)
    {
        try
        {
            return File.ReadAllBytes(entry.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _ioErrors);
            MetricsLog.SpoolIoFailed(_logger, entry.Path, ex.Message);
            Interlocked.Add(ref _droppedPoints, entry.Points);
            Remove(entry);
            return null;
        }
    }

    /// <summary>The batch was not sent; it stays first in line.</summary>
    public void EndAttempt(SpoolEntry entry)
    {
        lock (_gate)
        {
            entry.InFlight = false;
        }
    }

    /// <summary>The batch was delivered (or rejected for good): delete it.</summary>
    public void Remove(SpoolEntry entry)
    {
        lock (_gate)
        {
            if (_entries.Remove(entry))
            {
                Interlocked.Add(ref _totalBytes, -entry.Bytes);
            }
            entry.InFlight = false;
        }
        TryDelete(entry.Path);
    }

    private void MakeRoom(long incoming)
    {
        var node = _entries.First;
        while (node is not null && _totalBytes + incoming > _maxBytes)
        {
            var next = node.Next;
            var victim = node.Value;
            if (!victim.InFlight)
            {
                _entries.Remove(node);
                Interlocked.Add(ref _totalBytes, -victim.Bytes);
                Interlocked.Add(ref _droppedPoints, victim.Points);
                TryDelete(victim.Path);
                MetricsLog.SpoolOverflow(_logger, Path.GetFileName(victim.Path), victim.Points, victim.Bytes);
            }
            node = next;
        }
    }

    private void Recover()
    {
        try
        {
            System.IO.Directory.CreateDirectory(_directory);
            var files = System.IO.Directory.GetFiles(_directory);
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files)
            {
                var name = Path.GetFileName(file);
                if (name.EndsWith(TempExtension, StringComparison.Ordinal))
                {
                    TryDelete(file); // never completed, so never acknowledged to the caller
                    continue;
                }
                if (!TryParseName(name, out var sequence, out var points))
                {
                    continue;
                }
                var length = new FileInfo(file).Length;
                _entries.AddLast(new SpoolEntry(file, sequence, points, length));
                _totalBytes += length;
                _nextSequence = Math.Max(_nextSequence, sequence + 1);
            }
            if (_entries.Count > 0)
            {
                MetricsLog.SpoolRecovered(_logger, _entries.Count, _totalBytes);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _ioErrors);
            MetricsLog.SpoolIoFailed(_logger, _directory, ex.Message);
        }
    }

    private static bool TryParseName(string name, out long sequence, out int points)
    {
        sequence = 0;
        points = 0;
        if (!name.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }
        var stem = name.AsSpan(0, name.Length - Extension.Length);
        var dash = stem.IndexOf('-');
        return dash > 0
            && long.TryParse(stem[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && int.TryParse(stem[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out points);
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _ioErrors);
            MetricsLog.SpoolIoFailed(_logger, path, ex.Message);
        }
    }
}
