using System.Net.Http.Headers;
using System.Text;

namespace TrafficWatch.Outputs.Metrics;

/// <summary>
/// InfluxDB 1.x write API: <c>POST /write?db=&amp;rp=&amp;precision=ns</c>. Credentials travel in the
/// Authorization header (basic auth for username/password, <c>Token</c> for a token), never in the URL, so
/// they cannot leak through URL logging.
/// </summary>
internal sealed class InfluxV1Transport : IInfluxTransport
{
    private readonly HttpClient _http;
    private readonly Uri _writeUri;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly SecretMasker _masker;
    private readonly TimeSpan _timeout;

    public InfluxV1Transport(HttpClient http, Uri baseUri, InfluxOptions options, SecretMasker masker)
    {
        _http = http;
        _masker = masker;
        _timeout = options.Timeout;
        var query = new StringBuilder("write?db=").Append(Uri.EscapeDataString(options.Database));
        if (!string.IsNullOrEmpty(options.RetentionPolicy))
        {
            query.Append("&rp=").Append(Uri.EscapeDataString(options.RetentionPolicy));
        }
        query.Append("&precision=ns");
        _writeUri = new Uri(baseUri, query.ToString());
        _authorization = CreateAuthorization(options);
    }

    public InfluxProtocol Protocol => InfluxProtocol.V1;

    internal static AuthenticationHeaderValue? CreateAuthorization(InfluxOptions options)
    {
        if (!string.IsNullOrEmpty(options.Username))
        {
            var raw = Encoding.UTF8.GetBytes(options.Username + ":" + options.Password);
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
        }
        if (!string.IsNullOrEmpty(options.Token))
        {
            return new AuthenticationHeaderValue("Token", options.Token);
        }
        return null;
    }

    public async Task<InfluxSendResult> SendAsync(ReadOnlyMemory<byte> body, int points, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _writeUri);
            request.Headers.Authorization = _authorization;
            request.Content = new ReadOnlyMemoryContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return InfluxSendResult.Ok;
            }
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var error = _masker.Apply(string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase : text.Trim());
            return InfluxSendResult.FromStatus(status, GetRetryAfter(response), error, points);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return InfluxSendResult.Transient("request timed out after " + _timeout.TotalSeconds + " s");
        }
        catch (OperationCanceledException)
        {
            return InfluxSendResult.Transient("writer stopping");
        }
        catch (HttpRequestException ex)
        {
            return InfluxSendResult.Transient(_masker.Apply(ex.Message));
        }
    }

    internal static TimeSpan? GetRetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter is null)
        {
            return null;
        }
        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }
        if (retryAfter.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    public void Dispose()
    {
        // The HttpClient belongs to the writer.
    }
}
