using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Build.Framework;

namespace VolSync.EndToEnd.Tests.Infrastructure;

/// <summary>Hosts the task in-process and keeps the codes of its errors and warnings.</summary>
public sealed class ErrorRecordingBuildEngine : IBuildEngine
{
    private readonly ConcurrentQueue<(string Code, string Message)> _errors = new();

    public IReadOnlyList<(string Code, string Message)> Errors => [.. _errors];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "parity.proj";

    public void LogErrorEvent(BuildErrorEventArgs e) => _errors.Enqueue((e.Code ?? string.Empty, e.Message ?? string.Empty));

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
    }

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
    }

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();
}
