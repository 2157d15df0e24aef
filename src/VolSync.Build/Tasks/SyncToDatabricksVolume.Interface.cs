using Microsoft.Build.Framework;

using VolSync.Build.Logging;

namespace VolSync.Build;

// The task's parameters, one per setting, named as VolSync.Core names them (the targets map VolSync* properties
// here). Numbers and durations arrive as text so a value MSBuild cannot convert still gets VolSync's own code.
// There is deliberately no token parameter: task inputs are recorded in binary logs.
public sealed partial class SyncToDatabricksVolume
{
    /// <summary>The folder to sync (<c>VolSyncLocalPath</c>, by default <c>$(PublishDir)</c>).</summary>
    public string? LocalPath { get; set; }

    /// <summary>The former name of <see cref="LocalPath"/> (alias, for projects that call the task directly).</summary>
    public string? SourceDirectory
    {
        get => LocalPath;
        set => LocalPath = value;
    }

    public string? Catalog { get; set; }

    public string? Schema { get; set; }

    public string? Volume { get; set; }

    /// <summary>The whole volume path, <c>/Volumes/catalog/schema/volume[/sub]</c>.</summary>
    public string? VolumePath { get; set; }

    /// <summary>A sub-path under the volume, e.g. <c>releases/1.2.0</c>.</summary>
    public string? RemotePath { get; set; }

    /// <summary>Include globs (SPEC §2); none means every file. The glob is the item's <c>Pattern</c> metadata when set, else its identity.</summary>
    public ITaskItem[] Include { get; set; } = [];

    /// <summary>Exclude globs; an exclude always wins.</summary>
    public ITaskItem[] Exclude { get; set; } = [];

    /// <summary>
    /// Include globs as one <c>;</c>-separated string (<c>VolSyncIncludePatterns</c>). A property is never
    /// wildcard-expanded by MSBuild, unlike an item's Include, so <c>*.dll</c> arrives as written.
    /// </summary>
    public string? IncludePatterns { get; set; }

    /// <summary>Exclude globs as one <c>;</c>-separated string (<c>VolSyncExcludePatterns</c>).</summary>
    public string? ExcludePatterns { get; set; }

    public bool DryRun { get; set; }

    public bool Force { get; set; }

    /// <summary>Create the volume (managed) when it does not exist.</summary>
    public bool CreateVolume { get; set; }

    /// <summary>
    /// Requests in flight: a number 1–64 (a hard cap), or <c>auto</c> to find the workspace's limit (starts at 5,
    /// between 1 and 32); empty means <see cref="SyncDefaults.MaxConcurrentUploads"/>.
    /// </summary>
    public string? MaxConcurrentUploads { get; set; }

    /// <summary>Hex digits of the hash in remote names, 8–64; empty means <see cref="SyncDefaults.HashLength"/>.</summary>
    public string? HashLength { get; set; }

    /// <summary>
    /// Files of at least this size go in parts (<c>VolSyncMultipartThreshold</c>): a size such as <c>50MiB</c> or a
    /// number of bytes, 5 MiB to 5000 MiB, or <c>off</c>; empty means the default, 50 MiB.
    /// </summary>
    public string? MultipartThreshold { get; set; }

    /// <summary>
    /// How long the sync keeps retrying (429, 503, connection failures): a request gives up after retrying this long,
    /// and every request once the workspace has answered nothing useful for this long. <c>90s</c>, <c>5m</c>, a plain
    /// number of seconds; empty or 0 means <see cref="SyncDefaults.RetryBudget"/>. A wrong host then fails in this
    /// time rather than holding up the build.
    /// </summary>
    public string? RetryBudget { get; set; }

    /// <summary>The former <see cref="RetryBudget"/>, in whole seconds (<c>VolSyncRetryTimeoutSeconds</c>); used when <see cref="RetryBudget"/> is empty.</summary>
    public string? RetryTimeoutSeconds { get; set; }

    /// <summary>Workspace URL; empty means unified auth finds it (DATABRICKS_HOST, the profile).</summary>
    public string? Host { get; set; }

    /// <summary>A <c>~/.databrickscfg</c> profile.</summary>
    public string? Profile { get; set; }

    /// <summary>Keep file hashes across builds (<c>VolSyncUseHashCache</c>); false hashes every file in every build.</summary>
    public bool UseHashCache { get; set; } = true;

    /// <summary>Where hashes are cached across builds (the targets use the intermediate output folder); empty means the engine's default.</summary>
    public string? HashCacheDirectory { get; set; }

    /// <summary>
    /// The project's name (<c>$(MSBuildProjectName)</c>): the summary line starts with it, in the
    /// "<c>hello -> destination</c>" shape the terminal logger shows on the project's result line, and the release
    /// manifest records it as <c>source.project</c>.
    /// </summary>
    public string? ProjectName { get; set; }

    /// <summary>Files uploaded by this run: ItemSpec is the local path; metadata RemotePath, Sha256, Size, RelativePath.</summary>
    [Output]
    public ITaskItem[] UploadedFiles { get; private set; } = [];

    [Output]
    public int UploadedCount { get; private set; }

    [Output]
    public int SkippedCount { get; private set; }

    [Output]
    public int FailedCount { get; private set; }

    /// <summary>In a dry run: files that would be uploaded.</summary>
    [Output]
    public int WouldUploadCount { get; private set; }

    [Output]
    public long BytesUploaded { get; private set; }

    /// <summary>Tests supply their own environment; null means the process environment.</summary>
    internal Func<string, string?>? GetEnvironmentVariable { get; set; }

    /// <summary>Tests supply their own home folder (for <c>~/.databrickscfg</c>); null means the user's.</summary>
    internal string? HomeDirectory { get; set; }

    /// <summary>How often long syncs print a progress line.</summary>
    internal TimeSpan ProgressInterval { get; set; } = MSBuildProgressReporter.DefaultInterval;
}
