using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace TrafficWatch.Tests.Metrics;

/// <summary>
/// A local HttpListener on 127.0.0.1 that answers /ping with a chosen X-Influxdb-Version and every other
/// request from a script (default 204), recording all requests.
/// </summary>
public sealed class FakeInfluxEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<FakeResponse> _script = new();
    private readonly Task _loop;
    private readonly string? _version;

    public FakeInfluxEndpoint(string? version = "1.8.10", params FakeResponse[] script)
    {
        _version = version;
        foreach (var response in script)
        {
            _script.Enqueue(response);
        }
        for (var attempt = 0; ; attempt++)
        {
            Port = InfluxServerFixture.FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // port taken in between: try another
            }
        }
        _loop = Task.Run(RunAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> Writes => [.. _requests.Where(static r => r.Path != "/ping")];

    private async Task RunAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                await HandleAsync(context);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // client went away
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }
        var path = request.Url!.AbsolutePath;
        _requests.Enqueue(new RecordedRequest(request.HttpMethod, path, request.QueryString, request.Headers, body, DateTimeOffset.UtcNow));
        var response = context.Response;
        if (_version is not null)
        {
            response.Headers["X-Influxdb-Version"] = _version;
        }
        if (path == "/ping")
        {
            response.StatusCode = 204;
            response.Close();
            return;
        }
        var scripted = _script.TryDequeue(out var next) ? next : new FakeResponse(204);
        response.StatusCode = scripted.Status;
        if (scripted.RetryAfterSeconds is { } seconds)
        {
            response.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (scripted.Body.Length > 0)
        {
            var bytes = Encoding.UTF8.GetBytes(scripted.Body);
            response.ContentType = "application/json";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // best effort
        }
    }
}
