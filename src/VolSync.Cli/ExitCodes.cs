namespace VolSync.Cli;

/// <summary>The process exit codes of SPEC §4: scripts and CI branch on these, so they never change meaning.</summary>
internal static class ExitCodes
{
    /// <summary>Done, or nothing to do.</summary>
    public const int Success = 0;

    /// <summary>The run finished but some files failed.</summary>
    public const int FilesFailed = 1;

    /// <summary>Usage, configuration, authentication or remote-setup error: nothing was uploaded.</summary>
    public const int SetupError = 2;

    /// <summary>Cancelled by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>1 when a file failed or the release could not be recorded, else 0.</summary>
    public static int For(SyncResult result) => result.Succeeded ? Success : FilesFailed;
}
