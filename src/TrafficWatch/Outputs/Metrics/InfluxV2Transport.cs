using System.Text;
using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Core.Exceptions;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>
/// InfluxDB 2.x write API (<c>/api/v2/write?org=&amp;bucket=&amp;precision=ns</c>, <c>Authorization: Token</c>)
/// through InfluxDB.Client's <see cref="WriteApiAsync"/>. The records are the lines <see cref="LineProtocol"/>
/// rendered; the client's own batching is not used, so both protocols share one batching core and one spool.
/// </summary>
internal sealed class InfluxV2Transport : IInfluxTransport
{
    private readonly InfluxDBClient _client;
    private readonly WriteApiAsync _writeApi;
    private readonly string _bucket;
    private readonly string _org;
    private readonly SecretMasker _masker;
    private readonly TimeSpan _timeout;

    public InfluxV2Transport(Uri baseUri, InfluxOptions options, SecretMasker masker)
    {
        _masker = masker;
        _timeout = options.Timeout;
        _bucket = options.Bucket ?? string.Empty;
        _org = options.Org ?? string.Empty;
        var clientOptions = new InfluxDBClientOptions(baseUri.ToString().TrimEnd('/'))
        {
            Token = options.Token,
            Org = _org,
            Bucket = _bucket,
            Timeout = options.Timeout,
        };
        _client = new InfluxDBClient(clientOptions);
        _writeApi = _client.GetWriteApiAsync();
    }

    public InfluxProtocol Protocol => InfluxProtocol.V2;

    public async Task<InfluxSendResult> SendAsync(ReadOnlyMemory<byte> body, int points, CancellationToken cancellationToken)
    {
        var records = SplitLines(body.Span, points);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await _writeApi.WriteRecordsAsync(records, WritePrecision.Ns, _bucket, _org, timeout.Token).ConfigureAwait(false);
            return InfluxSendResult.Ok;
        }
        catch (HttpException ex)
        {
            TimeSpan? retryAfter = ex.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
            var error = _masker.Apply(string.IsNullOrWhiteSpace(ex.Message) ? ex.GetType().Name : ex.Message);
            return InfluxSendResult.FromStatus(ex.Status, retryAfter, error, points);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return InfluxSendResult.Transient("request timed out after " + _timeout.TotalSeconds + " s");
        }
        catch (OperationCanceledException)
        {
            return InfluxSendResult.Transient("writer stopping");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InfluxException)
        {
            return InfluxSendResult.Transient(_masker.Apply(ex.Message));
        }
    }

    private static string[] SplitLines(ReadOnlySpan<byte> body, int points)
    {
        var lines = new List<string>(points);
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            if (!line.IsEmpty)
            {
                lines.Add(Encoding.UTF8.GetString(line));
            }
            body = end < 0 ? ReadOnlySpan<byte>.Empty : body[(end + 1)..];
        }
        return [.. lines];
    }

    public void Dispose() => _client.Dispose();
}
