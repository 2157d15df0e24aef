using System.Collections.Concurrent;
using VolSync.Diagnostics;

namespace VolSync.Core.Tests.TestSupport;

public sealed class RecordingLogger : ISyncLogger
{
    private readonly ConcurrentQueue<(SyncLogLevel Level, string Message, string? Code)> _lines = new();

    public IReadOnlyList<(SyncLogLevel Level, string Message, string? Code)> Lines => _lines.ToList();

    public void Log(SyncLogLevel level, string message, string? code = null) => _lines.Enqueue((level, message, code));
}

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them later).</summary>
public sealed class RecordingProgress : IProgress<SyncProgress>
{
    private readonly ConcurrentQueue<SyncProgress> _reports = new();

    public IReadOnlyList<SyncProgress> Reports => _reports.ToList();

    public void Report(SyncProgress value) => _reports.Enqueue(value);
}
