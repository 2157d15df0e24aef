using VolSync.Diagnostics;

namespace VolSync.Cli.Rendering;

/// <summary>
/// Bridges the engine's and the client's log to the console. Warnings always reach stderr; debug lines (HTTP
/// timing, hash-cache and selection detail) only with <c>--verbose</c>. Per-file and summary lines are dropped:
/// the CLI renders those itself from progress and the result, once. Core never puts a credential in a message.
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

        if (!_verbose || level != SyncLogLevel.Debug)
        {
            return;
        }

        _output.Line(code is null ? "  debug: " + message : $"  debug: {code}: {message}");
    }
}
