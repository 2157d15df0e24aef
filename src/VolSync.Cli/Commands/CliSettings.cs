using VolSync.Diagnostics;

namespace VolSync.Cli.Commands;

/// <summary>How the command line spells each setting (for messages), and the one "stop on usage problems" rule.</summary>
internal static class CliSettings
{
    public static SettingNames Names { get; } = new()
    {
        LocalPath = "<local-path>",
        VolumePath = "--volume-path",
        Catalog = "--catalog",
        Schema = "--schema",
        Volume = "--volume",
        RemotePath = "--path",
        Patterns = "--pattern",
        ExcludePatterns = "--exclude",
        MaxConcurrentUploads = "--max-concurrent",
        HashLength = "--hash-length",
        HashCacheDirectory = "the hash cache folder",
        Force = "--force",
        DryRun = "--dry-run",
        CreateVolume = "--create-volume",
        RetryBudget = "--retry-budget",
        Naming = "--naming",
        KeepReleases = "--keep",
        PruneMinAge = "--min-age",
    };

    /// <summary>Stops the command with every problem (exit 2) before any credential or network call.</summary>
    public static void ThrowIfAny(IEnumerable<Diagnostic> problems)
    {
        var all = problems.ToList();
        if (all.Count > 0)
        {
            throw new VolSyncException(all);
        }
    }
}
