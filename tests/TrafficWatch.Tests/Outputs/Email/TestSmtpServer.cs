using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.IO;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace TrafficWatch.Tests.Outputs.Email;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1, in process: STARTTLS or implicit TLS with a given
/// certificate, optional AUTH PLAIN/LOGIN, scripted replies. Every accepted message is parsed with MimeKit.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedMail> _received = [];
    private readonly List<AuthenticationMethod> _authMethods = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TestSmtpServerSettings _settings;
    private SmtpServer.SmtpServer? _server;
    private Task? _running;
    private int _messagesSeen;

    private TestSmtpServer(TestSmtpServerSettings settings)
    {
        _settings = settings;
    }

    public int Port { get; private set; }

    public IReadOnlyList<ReceivedMail> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public IReadOnlyList<AuthenticationMethod> AuthMethods
    {
        get
        {
            lock (_gate)
            {
                return [.. _authMethods];
            }
        }
    }

    /// <summary>A port nothing listens on now (for "server down" tests; start the server on it later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<TestSmtpServer> StartAsync(TestSmtpServerSettings? settings = null)
    {
        var server = new TestSmtpServer(settings ?? new TestSmtpServerSettings());
        await server.StartCoreAsync();
        return server;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (Received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"expected {count} message(s), the server received {Received.Count}");
            }
            await Task.Delay(20);
        }
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            _server.Shutdown();
            await _stop.CancelAsync();
            try
            {
                await _running!.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
                // stopped
            }
        }
        _stop.Dispose();
    }

    private async Task StartCoreAsync()
    {
        var builder = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e =>
        {
            e.Endpoint(new IPEndPoint(IPAddress.Loopback, _settings.Port));
            if (_settings.Certificate is { } certificate)
            {
                e.Certificate(certificate);
            }
            e.IsSecure(_settings.ImplicitTls);
            e.AllowUnsecureAuthentication(false);
            e.AuthenticationRequired(_settings.Login is not null);
        });
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        if (_settings.Login is { } login)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) => user == login.User && password == login.Password));
        }
        _server = new SmtpServer.SmtpServer(builder.Build(), services);
        _server.SessionCreated += (_, e) => e.Context.CommandExecuting += (_, c) =>
        {
            if (c.Command is AuthCommand auth)
            {
                lock (_gate)
                {
                    _authMethods.Add(auth.Method);
                }
            }
        };
        _running = _server.StartAsync(_stop.Token);
        var finished = await Task.WhenAny(started.Task, _running, Task.Delay(TimeSpan.FromSeconds(10)));
        if (finished != started.Task)
        {
            if (_running.IsFaulted)
            {
                await _running; // throws the bind failure
            }
            Assert.Fail("the test SMTP server did not start");
        }
        Port = await started.Task;
    }

    private SmtpResponse Save(ISessionContext context, IMessageTransaction transaction, byte[] raw)
    {
        var index = Interlocked.Increment(ref _messagesSeen) - 1;
        if (_settings.Reply?.Invoke(index) is { } reply)
        {
            return reply;
        }
        var message = MimeMessage.Load(new MemoryStream(raw));
        var secure = context.Pipe is ISecurableDuplexPipe { IsSecure: true };
        var mail = new ReceivedMail(
            transaction.From.AsAddress(),
            [.. transaction.To.Select(static m => m.AsAddress())],
            raw,
            message,
            secure,
            context.Authentication.IsAuthenticated ? context.Authentication.User : null);
        lock (_gate)
        {
            _received.Add(mail);
        }
        return SmtpResponse.Ok;
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
            => Task.FromResult(owner.Save(context, transaction, buffer.ToArray()));
    }
}
