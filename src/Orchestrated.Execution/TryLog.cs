using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orchestrated.Execution;

/// <summary>
/// The log lines of one try, kept (up to a bound) to travel with its outcome, and forwarded to the host's logging.
/// A try's log is what an operator reads first when it fails.
/// </summary>
public sealed class TryLog(ILoggerFactory host, TimeProvider clock) : ILoggerFactory, ILoggerProvider
{
    public const int MaxLines = 500;
    private readonly ConcurrentQueue<string> _lines = new();
    private int _dropped;

    public IReadOnlyList<string> Lines
    {
        get
        {
            var lines = _lines.ToList();
            if (_dropped > 0) lines.Add($"… {_dropped} more lines not kept");
            return lines;
        }
    }

    public void Write(LogLevel level, string category, string message)
    {
        if (_lines.Count >= MaxLines) { Interlocked.Increment(ref _dropped); return; }
        var shortCategory = category[(category.LastIndexOf('.') + 1)..];
        _lines.Enqueue($"{clock.GetUtcNow():HH:mm:ss.fff} {Level(level)} {shortCategory}: {message}");
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName, host.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose() { }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce", LogLevel.Debug => "dbug", LogLevel.Information => "info",
        LogLevel.Warning => "warn", LogLevel.Error => "fail", _ => "crit",
    };

    private sealed class Logger(TryLog log, string category, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information || inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Information) log.Write(logLevel, category, formatter(state, exception));
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
