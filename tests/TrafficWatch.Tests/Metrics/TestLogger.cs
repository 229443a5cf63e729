using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TrafficWatch.Tests.Metrics;

/// <summary>Collects every log message (formatted, plus any exception text) for assertions.</summary>
public sealed class TestLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Id, string Text)> _entries = new();

    public IReadOnlyList<(LogLevel Level, EventId Id, string Text)> Entries => [.. _entries];

    public string AllText => string.Join("\n", _entries.Select(static e => e.Text));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var text = formatter(state, exception);
        if (exception is not null)
        {
            text += " | " + exception;
        }
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var pair in values)
            {
                text += " | " + pair.Key + "=" + pair.Value;
            }
        }
        _entries.Enqueue((logLevel, eventId, text));
    }
}
