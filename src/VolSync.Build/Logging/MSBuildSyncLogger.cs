using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using VolSync.Diagnostics;

namespace VolSync.Build.Logging;

/// <summary>
/// Bridges the engine's <see cref="ISyncLogger"/> to MSBuild: Debug → low, Info → normal, Important → high
/// importance; warnings and errors keep their VOLSYNC code as the event's code. The engine logs from upload threads, and MSBuild
/// rejects logging after a task has returned, so calls are serialised and dropped once <see cref="Close"/> ran.
/// </summary>
internal sealed class MSBuildSyncLogger : ISyncLogger
{
    private readonly TaskLoggingHelper _log;
    private readonly object _gate = new();
    private bool _closed;

    public MSBuildSyncLogger(TaskLoggingHelper log)
    {
        _log = log;
    }

    public void Log(SyncLogLevel level, string message, string? code = null)
    {
        // One message, one line: a file name with a newline or an escape character is shown escaped.
        var text = DisplayText.Escape(message);
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            switch (level)
            {
                case SyncLogLevel.Debug:
                    _log.LogMessage(MessageImportance.Low, text);
                    break;
                case SyncLogLevel.Info:
                    _log.LogMessage(MessageImportance.Normal, text);
                    break;
                case SyncLogLevel.Important:
                    _log.LogMessage(MessageImportance.High, text);
                    break;
                default:
                    Report(_log, new Diagnostic(code ?? string.Empty, level == SyncLogLevel.Warning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, text));
                    break;
            }
        }
    }

    /// <summary>
    /// Logs a diagnostic as MSBuild renders them: <c>file : error VOLSYNC1002: message</c>; the code is never part of
    /// the text, and control characters in it (a file name with a newline) are escaped so it stays one line.
    /// </summary>
    public static void Report(TaskLoggingHelper log, Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(diagnostic);
        var code = diagnostic.Code.Length == 0 ? null : diagnostic.Code;
        if (diagnostic.Severity == DiagnosticSeverity.Warning)
        {
            log.LogWarning(subcategory: null, warningCode: code, helpKeyword: null, file: diagnostic.File, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: DisplayText.Escape(diagnostic.Message));
        }
        else
        {
            log.LogError(subcategory: null, errorCode: code, helpKeyword: null, file: diagnostic.File, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: DisplayText.Escape(diagnostic.Message));
        }
    }

    /// <summary>Logs <paramref name="diagnostic"/> under the lock, unless closed.</summary>
    public void Report(Diagnostic diagnostic) => Write(log => Report(log, diagnostic));

    /// <summary>Runs <paramref name="write"/> under the same lock, unless closed: the progress reporter shares it.</summary>
    public void Write(Action<TaskLoggingHelper> write)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                write(_log);
            }
        }
    }

    /// <summary>Stops forwarding: anything the engine still says after the task returned is dropped.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }
}
