using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>
/// Appends points to a <c>.lp</c> file: the embedded default when no InfluxDB is configured. A new file starts
/// with the header <c>influx -import</c> (1.x) expects, so it loads with
/// <c>influx -import -path=metrics.lp -precision=ns</c>:
/// <code>
/// # DDL
/// CREATE DATABASE "trafficwatch"
/// # DML
/// # CONTEXT-DATABASE: trafficwatch
/// # CONTEXT-RETENTION-POLICY: autogen   (only when one is given)
/// </code>
/// <see cref="Enqueue"/> renders into memory; the buffer goes to disk when it passes 1 MiB, on
/// <see cref="FlushAsync"/> (which also fsyncs) and on dispose.
/// </summary>
public sealed class LineProtocolFileWriter : IMetricWriter
{
    private const int FlushThreshold = 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly string _path;
    private readonly string _database;
    private readonly string? _retentionPolicy;
    private readonly ILogger _logger;
    private FileStream? _stream;
    private long _writeErrors;
    private long _droppedPoints;
    private int _pendingPoints;
    private bool _disposed;

    public LineProtocolFileWriter(string path, string database = "trafficwatch", string? retentionPolicy = null, ILogger<LineProtocolFileWriter>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        if (database.Contains('"', StringComparison.Ordinal) || database.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("Database name must not contain quotes or newlines.", nameof(database));
        }
        _path = System.IO.Path.GetFullPath(path);
        _database = database;
        _retentionPolicy = string.IsNullOrWhiteSpace(retentionPolicy) ? null : retentionPolicy;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public string FilePath => _path;

    public long WriteErrors => Interlocked.Read(ref _writeErrors);

    public long SpoolBytes => 0;

    public long DroppedPoints => Interlocked.Read(ref _droppedPoints);

    public bool Enqueue(IReadOnlyList<MetricPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        lock (_gate)
        {
            if (_disposed)
            {
                Interlocked.Add(ref _droppedPoints, points.Count);
                return false;
            }
            var written = LineProtocol.WriteBatch(_buffer, points);
            _pendingPoints += written;
            if (written < points.Count)
            {
                Interlocked.Add(ref _droppedPoints, points.Count - written);
            }
            return (_buffer.WrittenCount < FlushThreshold || WriteBuffer(flushToDisk: false)) && written == points.Count;
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_disposed)
            {
                WriteBuffer(flushToDisk: true);
            }
        }
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }
            WriteBuffer(flushToDisk: true);
            _disposed = true;
            _stream?.Dispose();
            _stream = null;
        }
        return ValueTask.CompletedTask;
    }

    private bool WriteBuffer(bool flushToDisk)
    {
        try
        {
            if (_stream is null)
            {
                var directory = System.IO.Path.GetDirectoryName(_path);
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }
                _stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
                if (_stream.Length == 0)
                {
                    _stream.Write(BuildHeader());
                }
            }
            if (_buffer.WrittenCount > 0)
            {
                _stream.Write(_buffer.WrittenSpan);
                _buffer.Clear();
                _pendingPoints = 0;
            }
            _stream.Flush(flushToDisk);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _writeErrors);
            Interlocked.Add(ref _droppedPoints, _pendingPoints);
            MetricsLog.FileWriteFailed(_logger, _path, ex.Message);
            _buffer.Clear();
            _pendingPoints = 0;
            _stream?.Dispose();
            _stream = null;
            return false;
        }
    }

    private byte[] BuildHeader()
    {
        var header = new StringBuilder();
        header.Append("# DDL\n");
        header.Append("CREATE DATABASE \"").Append(_database).Append("\"\n");
        header.Append("# DML\n");
        header.Append("# CONTEXT-DATABASE: ").Append(_database).Append('\n');
        if (_retentionPolicy is not null)
        {
            header.Append("# CONTEXT-RETENTION-POLICY: ").Append(_retentionPolicy).Append('\n');
        }
        return Encoding.UTF8.GetBytes(header.ToString());
    }
}
