using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>
/// Sends points to InfluxDB (v1 <c>/write</c> or v2 <c>/api/v2/write</c>) through one batching core, modelled on
/// Serilog's BatchingSink + FailureAwareBatchScheduler.
/// <list type="number">
/// <item><see cref="Enqueue"/> puts points in a bounded channel; when it is full the overflow is rendered and
/// written to the spool right away, so nothing is silently lost and the caller never waits for the network.</item>
/// <item>One reader cuts batches by size (<see cref="InfluxOptions.BatchSize"/>) or age
/// (<see cref="InfluxOptions.FlushInterval"/>, measured with the injected <see cref="TimeProvider"/>) and renders
/// them with <see cref="LineProtocol"/>.</item>
/// <item>A batch is tried up to <see cref="InfluxOptions.MaxAttempts"/> times with exponential backoff and jitter,
/// honouring Retry-After on 429/503. A 4xx other than 429 (and 401/403/404/408) is bad data: logged with the server's
/// message (which names the offending line), counted, dropped.</item>
/// <item>A batch that still fails goes to the on-disk spool. While the spool holds anything, new batches are
/// appended to it too, so the order is kept; the spool is probed with growing delays and sent oldest first
/// when the server is back. Spool files left by an earlier run are sent before anything else.</item>
/// </list>
/// The protocol is configured or detected lazily from <c>GET /ping</c>; until detection succeeds, batches spool.
/// Secrets are masked in every log message.
/// </summary>
public sealed class InfluxHttpWriter : IMetricWriter
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    private readonly InfluxOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<MetricPoint> _queue;
    private readonly MetricSpool _spool;
    private readonly SecretMasker _masker;
    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly string _displayUrl;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<TaskCompletionSource> _flushRequests = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Lock _overflowGate = new();
    private readonly ArrayBufferWriter<byte> _overflowBuffer = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _batchBuffer = new(256 * 1024);
    private readonly List<MetricPoint> _batch;
    private readonly List<MetricPoint> _overflow = new();
    private readonly Task _loop;
    private IInfluxTransport? _transport;
    private DateTimeOffset _spoolRetryAt = DateTimeOffset.MinValue;
    private int _spoolFailures;
    private long _writeErrors;
    private long _droppedPoints;
    private int _disposed;

    public InfluxHttpWriter(InfluxOptions options, ILogger<InfluxHttpWriter>? logger = null, TimeProvider? timeProvider = null)
        : this(options, (ILogger?)logger, timeProvider, null)
    {
    }

    internal InfluxHttpWriter(InfluxOptions options, ILogger? logger, TimeProvider? timeProvider, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Influx options: " + string.Join(" ", errors), nameof(options));
        }
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        var url = options.Url!.EndsWith('/') ? options.Url : options.Url + "/";
        _baseUri = new Uri(url, UriKind.Absolute);
        _displayUrl = _baseUri.GetLeftPart(UriPartial.Path);
        _masker = new SecretMasker(options.Password, options.Token, InfluxV1Transport.CreateAuthorization(options)?.Parameter);
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // each request has its own timeout
        };
        _batch = new List<MetricPoint>(Math.Min(options.BatchSize, 65_536));
        _queue = Channel.CreateBounded<MetricPoint>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite returns false when full: the caller spools the overflow
        });
        _spool = new MetricSpool(options.SpoolDirectory, options.SpoolMaxBytes, _logger);
        MetricsLog.WriterStarted(_logger, _displayUrl, options.Protocol.ToString().ToLowerInvariant(), _spool.Directory);
        _loop = Task.Run(RunAsync);
    }

    public long WriteErrors => Interlocked.Read(ref _writeErrors) + _spool.IoErrors;

    public long SpoolBytes => _spool.TotalBytes;

    public long DroppedPoints => Interlocked.Read(ref _droppedPoints) + _spool.DroppedPoints;

    /// <summary>The protocol in use, once configured or detected.</summary>
    public InfluxProtocol? ActiveProtocol => Volatile.Read(ref _transport)?.Protocol;

    internal int SpoolFiles => _spool.Count;

    public bool Enqueue(IReadOnlyList<MetricPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Interlocked.Add(ref _droppedPoints, points.Count);
            return false;
        }
        var overflowStart = -1;
        for (var i = 0; i < points.Count; i++)
        {
            if (!_queue.Writer.TryWrite(points[i]))
            {
                overflowStart = i;
                break;
            }
        }
        if (overflowStart < 0)
        {
            return true;
        }
        lock (_overflowGate)
        {
            _overflow.Clear();
            for (var i = overflowStart; i < points.Count; i++)
            {
                _overflow.Add(points[i]);
            }
            _overflowBuffer.Clear();
            var rendered = LineProtocol.WriteBatch(_overflowBuffer, _overflow);
            var invalid = _overflow.Count - rendered;
            _overflow.Clear();
            if (invalid > 0)
            {
                Interlocked.Add(ref _droppedPoints, invalid);
            }
            MetricsLog.QueueOverflow(_logger, rendered);
            if (rendered > 0 && !_spool.TryAppend(_overflowBuffer.WrittenSpan, rendered))
            {
                Interlocked.Add(ref _droppedPoints, rendered);
                MetricsLog.PointsDropped(_logger, rendered, "queue full and spool unavailable");
                return false;
            }
        }
        Wake();
        return true;
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_loop.IsCompleted)
        {
            return;
        }
        var request = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _flushRequests.Enqueue(request);
        Wake();
        // If the loop ended in between, nobody will answer the request: the loop task finishing is the answer.
        await Task.WhenAny(request.Task, _loop).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _queue.Writer.TryComplete();
        Wake();
        // The loop makes one last attempt per batch and spools the rest; bound it anyway.
        var budget = _options.Timeout + _options.Timeout + TimeSpan.FromSeconds(2);
        try
        {
            await _loop.WaitAsync(budget).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
        }
        SpoolLeftovers();
        _transport?.Dispose();
        _http.Dispose();
        _stopping.Dispose();
        _signal.Dispose();
    }

    private void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (ObjectDisposedException)
            {
                // disposed: nothing left to wake
            }
        }
    }

    private async Task RunAsync()
    {
        if (_spool.Count > 0)
        {
            _spoolRetryAt = _time.GetUtcNow(); // an earlier run left batches: send them first
        }
        DateTimeOffset batchStarted = default;
        var reader = _queue.Reader;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                while (_batch.Count < _options.BatchSize && reader.TryRead(out var point))
                {
                    if (_batch.Count == 0)
                    {
                        batchStarted = _time.GetUtcNow();
                    }
                    _batch.Add(point);
                }
                var flushes = TakeFlushRequests();
                var completing = reader.Completion.IsCompleted;
                var now = _time.GetUtcNow();
                var full = _batch.Count >= _options.BatchSize;
                var due = _batch.Count > 0 && now - batchStarted >= _options.FlushInterval;
                if (full || due || flushes is not null || completing)
                {
                    await SendBatchAsync(completing).ConfigureAwait(false);
                    if (flushes is not null || completing)
                    {
                        // Flush: everything queued before the request goes out now, in BatchSize pieces.
                        while (reader.TryRead(out var point))
                        {
                            _batch.Add(point);
                            if (_batch.Count >= _options.BatchSize)
                            {
                                await SendBatchAsync(completing).ConfigureAwait(false);
                            }
                        }
                        await SendBatchAsync(completing).ConfigureAwait(false);
                    }
                }
                now = _time.GetUtcNow();
                if (_spool.Count > 0 && (flushes is not null || completing || now >= _spoolRetryAt))
                {
                    await DrainSpoolAsync().ConfigureAwait(false);
                }
                Complete(flushes);
                if (completing && _batch.Count == 0)
                {
                    break;
                }
                if (full && reader.TryPeek(out _))
                {
                    continue; // more work waiting: cut the next batch at once
                }
                await WaitForWorkAsync(ComputeWait(batchStarted)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                MetricsLog.LoopFailed(_logger, _masker.Apply(ex.Message));
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        // Whatever is still in hand when stopping goes to the spool.
        SpoolCurrentBatch("writer stopping");
        Complete(TakeFlushRequests());
    }

    private TimeSpan? ComputeWait(DateTimeOffset batchStarted)
    {
        var now = _time.GetUtcNow();
        TimeSpan? wait = null;
        if (_batch.Count > 0)
        {
            wait = batchStarted + _options.FlushInterval - now;
        }
        if (_spool.Count > 0)
        {
            var untilProbe = _spoolRetryAt - now;
            wait = wait is { } w && w < untilProbe ? w : untilProbe;
        }
        return wait is { } value && value < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private async Task WaitForWorkAsync(TimeSpan? timeout)
    {
        if (timeout == TimeSpan.Zero)
        {
            return;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var data = _queue.Reader.WaitToReadAsync(cts.Token).AsTask();
        var signal = _signal.WaitAsync(cts.Token);
        var delay = timeout is { } t ? Task.Delay(t, _time, cts.Token) : Task.Delay(Timeout.Infinite, cts.Token);
        await Task.WhenAny(data, signal, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(data, signal, delay).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the tasks that lost the race were cancelled
        }
    }

    private List<TaskCompletionSource>? TakeFlushRequests()
    {
        List<TaskCompletionSource>? taken = null;
        while (_flushRequests.TryDequeue(out var request))
        {
            (taken ??= []).Add(request);
        }
        return taken;
    }

    private static void Complete(List<TaskCompletionSource>? flushes)
    {
        if (flushes is null)
        {
            return;
        }
        foreach (var flush in flushes)
        {
            flush.TrySetResult();
        }
    }

    /// <summary>Renders and delivers <see cref="_batch"/> (send, reject or spool), then clears it.</summary>
    private async Task SendBatchAsync(bool final)
    {
        if (_batch.Count == 0)
        {
            return;
        }
        _batchBuffer.Clear();
        var rendered = LineProtocol.WriteBatch(_batchBuffer, _batch);
        var invalid = _batch.Count - rendered;
        _batch.Clear();
        if (invalid > 0)
        {
            Interlocked.Add(ref _droppedPoints, invalid);
            MetricsLog.PointsDropped(_logger, invalid, "no measurement or no representable field");
        }
        if (rendered == 0)
        {
            return;
        }
        if (_spool.Count > 0)
        {
            // Earlier batches are waiting: keep the order and let the spool probe decide when to send.
            SpoolBody(_batchBuffer.WrittenSpan, rendered, "earlier batches still in the spool", countError: false);
            return;
        }
        var result = await SendWithRetriesAsync(_batchBuffer.WrittenMemory, rendered, final ? 1 : _options.MaxAttempts).ConfigureAwait(false);
        switch (result.Status)
        {
            case InfluxSendStatus.Success:
                return;
            case InfluxSendStatus.Rejected:
                Rejected(result, rendered);
                return;
            default:
                SpoolBody(_batchBuffer.WrittenSpan, rendered, result.Error, countError: true);
                _spoolFailures = 1;
                _spoolRetryAt = _time.GetUtcNow() + Backoff(1, result.RetryAfter);
                return;
        }
    }

    private async Task<InfluxSendResult> SendWithRetriesAsync(ReadOnlyMemory<byte> body, int points, int maxAttempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await SendOnceAsync(body, points).ConfigureAwait(false);
            if (result.Status != InfluxSendStatus.Retry || attempt >= maxAttempts || _stopping.IsCancellationRequested)
            {
                return result;
            }
            var delay = Backoff(attempt, result.RetryAfter);
            MetricsLog.WriteRetrying(_logger, points, attempt, result.Error, (long)delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, _time, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return result;
            }
        }
    }

    private async Task<InfluxSendResult> SendOnceAsync(ReadOnlyMemory<byte> body, int points)
    {
        var transport = Volatile.Read(ref _transport);
        if (transport is null)
        {
            var protocol = _options.Protocol;
            if (protocol == InfluxProtocol.Auto)
            {
                try
                {
                    var version = await InfluxProtocolDetector.PingAsync(_http, _baseUri, _options.Timeout, _stopping.Token).ConfigureAwait(false);
                    protocol = InfluxProtocolDetector.Choose(version, _options);
                    MetricsLog.ProtocolDetected(_logger, _displayUrl, version ?? "(none)", protocol);
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                {
                    var reason = ex is OperationCanceledException ? "ping timed out" : _masker.Apply(ex.Message);
                    MetricsLog.ProtocolDetectionFailed(_logger, reason);
                    return InfluxSendResult.Transient("protocol detection failed: " + reason);
                }
            }
            transport = protocol == InfluxProtocol.V2
                ? new InfluxV2Transport(_baseUri, _options, _masker)
                : new InfluxV1Transport(_http, _baseUri, _options, _masker);
            Volatile.Write(ref _transport, transport);
        }
        return await transport.SendAsync(body, points, _stopping.Token).ConfigureAwait(false);
    }

    /// <summary>Sends spooled batches oldest first; stops at the first failure and schedules the next probe.</summary>
    private async Task DrainSpoolAsync()
    {
        var sent = 0;
        while (!_stopping.IsCancellationRequested && _spool.TryBeginOldest(out var entry))
        {
            var body = _spool.TryRead(entry);
            if (body is null)
            {
                continue; // unreadable: removed and counted by the spool
            }
            var result = await SendOnceAsync(body, entry.Points).ConfigureAwait(false);
            switch (result.Status)
            {
                case InfluxSendStatus.Success:
                    _spool.Remove(entry);
                    sent++;
                    break;
                case InfluxSendStatus.Rejected:
                    Rejected(result, entry.Points);
                    _spool.Remove(entry);
                    break;
                default:
                    _spool.EndAttempt(entry);
                    _spoolFailures++;
                    _spoolRetryAt = _time.GetUtcNow() + Backoff(_spoolFailures, result.RetryAfter);
                    return;
            }
        }
        if (sent > 0 && _spool.Count == 0)
        {
            MetricsLog.SpoolDrained(_logger, sent);
        }
        if (_spool.Count == 0)
        {
            _spoolFailures = 0;
        }
    }

    private void Rejected(in InfluxSendResult result, int points)
    {
        Interlocked.Increment(ref _writeErrors);
        Interlocked.Add(ref _droppedPoints, result.DroppedPoints);
        MetricsLog.BatchRejected(_logger, points, result.HttpStatus, result.DroppedPoints, result.Error);
    }

    private void SpoolBody(ReadOnlySpan<byte> body, int points, string reason, bool countError)
    {
        if (countError)
        {
            Interlocked.Increment(ref _writeErrors);
        }
        if (_spool.TryAppend(body, points))
        {
            if (countError)
            {
                MetricsLog.BatchSpooled(_logger, reason, points, _spool.TotalBytes);
            }
            return;
        }
        Interlocked.Add(ref _droppedPoints, points);
        MetricsLog.PointsDropped(_logger, points, "spool unavailable or full: " + reason);
    }

    private void SpoolCurrentBatch(string reason)
    {
        if (_batch.Count == 0)
        {
            return;
        }
        _batchBuffer.Clear();
        var rendered = LineProtocol.WriteBatch(_batchBuffer, _batch);
        Interlocked.Add(ref _droppedPoints, _batch.Count - rendered);
        _batch.Clear();
        if (rendered > 0)
        {
            SpoolBody(_batchBuffer.WrittenSpan, rendered, reason, countError: false);
        }
    }

    private void SpoolLeftovers()
    {
        while (_queue.Reader.TryRead(out var point))
        {
            _batch.Add(point);
            if (_batch.Count >= _options.BatchSize)
            {
                SpoolCurrentBatch("writer stopped before sending");
            }
        }
        SpoolCurrentBatch("writer stopped before sending");
    }

    /// <summary>Retry-After wins when the server sent one; otherwise base * 2^(attempt-1), capped, with "equal
    /// jitter" (half fixed, half random) so many sensors do not retry in step.</summary>
    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } serverSays)
        {
            return serverSays > MaxRetryAfter ? MaxRetryAfter : serverSays;
        }
        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(_options.RetryMaxDelay.Ticks, _options.RetryBaseDelay.Ticks * (1L << Math.Min(exponent, 20)));
        var half = ticks / 2;
        return TimeSpan.FromTicks(half + (long)(Random.Shared.NextDouble() * half));
    }
}
