using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using VolSync.Diagnostics;

namespace VolSync.Build.Logging;

/// <summary>
/// Bridges the engine's <see cref="ISyncLogger"/> to MSBuild: Debug → low, Info → normal, Important → high
/// importance; warnings and errors keep their VOLSYNC code. The engine logs from upload threads, and MSBuild
/// rejects logging after a task has returned, so calls are serialised and dropped once <see cref="Close"/> ran.
/// </summary>
internal sealed class MSBuildSyncLogger : ISyncLogger
{
    private readonly TaskLoggingHelper _log;
    private readonly MessageImportance _importantAs;
    private readonly object _gate = new();
    private bool _closed;

    /// <param name="log">The task's logging helper.</param>
    /// <param name="importantAs">
    /// Where <see cref="SyncLogLevel.Important"/> lands. The task passes Normal for the engine, whose only
    /// important line is its run summary: the task prints its own summary at high importance, once.
    /// </param>
    public MSBuildSyncLogger(TaskLoggingHelper log, MessageImportance importantAs = MessageImportance.High)
    {
        _log = log;
        _importantAs = importantAs;
    }

    public void Log(SyncLogLevel level, string message, string? code = null)
    {
        // One message, one line: a file name with a newline or an escape character is shown escaped.
        var text = DisplayText.Escape(StripCode(message, code));
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
                    _log.LogMessage(_importantAs, text);
                    break;
                case SyncLogLevel.Warning:
                    _log.LogWarning(subcategory: null, warningCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: text);
                    break;
                default:
                    _log.LogError(subcategory: null, errorCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: text);
                    break;
            }
        }
    }

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

    /// <summary>MSBuild prints the code itself (<c>error VOLSYNC1001: ...</c>), so a message that already starts with it loses the prefix.</summary>
    internal static string StripCode(string message, string? code)
    {
        if (!string.IsNullOrEmpty(code) && message.StartsWith(code + ": ", StringComparison.Ordinal))
        {
            return message[(code.Length + 2)..];
        }

        return message;
    }
}
