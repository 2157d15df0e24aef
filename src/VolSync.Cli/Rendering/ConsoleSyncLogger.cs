using VolSync.Diagnostics;

namespace VolSync.Cli.Rendering;

/// <summary>
/// Bridges the engine's and the client's log to the console. Warnings always reach stderr; everything else
/// (HTTP timing, per-file detail, internal summaries) only with <c>--verbose</c>, because the CLI renders its
/// own progress and summary. Messages come from Core, which never puts a credential in one.
/// </summary>
internal sealed class ConsoleSyncLogger : ISyncLogger
{
    private readonly HumanOutput _output;
    private readonly bool _verbose;

    public ConsoleSyncLogger(HumanOutput output, bool verbose)
    {
        _output = output;
        _verbose = verbose;
    }

    public void Log(SyncLogLevel level, string message, string? code = null)
    {
        if (level == SyncLogLevel.Warning)
        {
            ErrorReporter.Warning(code, message);
            return;
        }

        if (!_verbose)
        {
            return;
        }

        var prefix = level switch
        {
            SyncLogLevel.Debug => "  debug: ",
            SyncLogLevel.Error => "  error: ",
            _ => "  ",
        };
        _output.Line(code is null ? prefix + message : $"{prefix}{code}: {message}");
    }
}
