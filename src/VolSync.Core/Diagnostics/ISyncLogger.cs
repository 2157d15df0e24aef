namespace VolSync.Diagnostics;

public enum SyncLogLevel
{
    /// <summary>HTTP timing and internals: CLI <c>--verbose</c>, MSBuild low importance.</summary>
    Debug,
    /// <summary>Per-file lines: MSBuild normal importance.</summary>
    Info,
    /// <summary>Run summaries: MSBuild high importance.</summary>
    Important,
    Warning,
    Error,
}

/// <summary>
/// The engine's only way to talk to its host. Core stays free of logging frameworks because it loads inside
/// MSBuild; hosts bridge this to MSBuild's TaskLoggingHelper or to the console.
/// Implementations must be thread-safe: uploads log concurrently.
/// </summary>
public interface ISyncLogger
{
    void Log(SyncLogLevel level, string message, string? code = null);
}

/// <summary>Discards everything.</summary>
public sealed class NullSyncLogger : ISyncLogger
{
    public static readonly NullSyncLogger Instance = new();

    public void Log(SyncLogLevel level, string message, string? code = null)
    {
    }
}
