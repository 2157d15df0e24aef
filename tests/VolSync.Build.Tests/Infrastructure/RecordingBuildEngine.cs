using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Build.Framework;

namespace VolSync.Build.Tests.Infrastructure;

/// <summary>One event the task logged, flattened for assertions.</summary>
public sealed record LoggedEvent(string Kind, string? Code, string Message, MessageImportance? Importance, string? File);

/// <summary>
/// A hand-written <see cref="IBuildEngine"/> that records every error, warning and message (thread-safe: the task
/// logs from upload threads). Tests assert on <see cref="LoggedEvent.Code"/>, not on wording.
/// </summary>
public sealed class RecordingBuildEngine : IBuildEngine
{
    private readonly ConcurrentQueue<LoggedEvent> _events = new();

    public IReadOnlyList<LoggedEvent> Events => [.. _events];

    public IReadOnlyList<LoggedEvent> Errors => Events.Where(e => e.Kind == "error").ToList();

    public IReadOnlyList<LoggedEvent> Warnings => Events.Where(e => e.Kind == "warning").ToList();

    public IReadOnlyList<LoggedEvent> Messages => Events.Where(e => e.Kind == "message").ToList();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.proj";

    public void LogErrorEvent(BuildErrorEventArgs e) => _events.Enqueue(new("error", e.Code, e.Message ?? string.Empty, null, e.File));

    public void LogWarningEvent(BuildWarningEventArgs e) => _events.Enqueue(new("warning", e.Code, e.Message ?? string.Empty, null, e.File));

    public void LogMessageEvent(BuildMessageEventArgs e) => _events.Enqueue(new("message", null, e.Message ?? string.Empty, e.Importance, e.File));

    public void LogCustomEvent(CustomBuildEventArgs e) => _events.Enqueue(new("custom", null, e.Message ?? string.Empty, null, null));

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();

    /// <summary>Every line as a build log would render it, for failure messages.</summary>
    public string Render() => string.Join(Environment.NewLine, Events.Select(e => $"{e.Kind} {e.Code} [{e.Importance}] {e.Message}"));
}
