using VolSync.Naming;
using VolSync.Releases;

namespace VolSync;

/// <summary>
/// What to sync and how. The remote root is the volume (<see cref="VolumePath"/>, or
/// <see cref="Catalog"/>/<see cref="Schema"/>/<see cref="Volume"/>) plus the optional <see cref="RemotePath"/>.
/// Validated up front by <see cref="VolumeSync.SyncAsync"/>: invalid settings throw a coded
/// <see cref="Diagnostics.VolSyncException"/> before anything is read or written.
/// </summary>
public sealed class SyncConfig
{
    /// <summary>The local folder to sync. Must exist.</summary>
    public string LocalPath { get; init; } = string.Empty;

    /// <summary>The whole volume path, <c>/Volumes/catalog/schema/volume[/sub]</c>. Optional when Catalog, Schema and Volume are given.</summary>
    public string? VolumePath { get; init; }

    public string? Catalog { get; init; }

    public string? Schema { get; init; }

    public string? Volume { get; init; }

    /// <summary>A sub-path under the volume, e.g. <c>releases/1.2.0</c>.</summary>
    public string? RemotePath { get; init; }

    /// <summary>Include globs (SPEC §2). Empty means every file.</summary>
    public IReadOnlyList<string> Patterns { get; init; } = [];

    /// <summary>Exclude globs (SPEC §2). An exclude always wins over an include.</summary>
    public IReadOnlyList<string> ExcludePatterns { get; init; } = [];

    /// <summary>Discover, hash, list and plan, but write nothing remote or local.</summary>
    public bool DryRun { get; init; }

    /// <summary>Upload every selected file regardless of what the remote holds.</summary>
    public bool ForceUpload { get; init; }

    /// <summary>At most this many uploads in flight (1–64). The Databricks Files API allows about 10 concurrent requests.</summary>
    public int MaxConcurrentUploads { get; init; } = ConcurrencyLimit.Default;

    /// <summary>
    /// Find the workspace's limit instead of a fixed cap: start at 5 and adapt between 1 and 32 (SPEC §10);
    /// <see cref="MaxConcurrentUploads"/> is then not used. <c>--max-concurrent auto</c>, <c>VolSyncMaxConcurrentUploads=auto</c>.
    /// </summary>
    public bool AutoConcurrency { get; init; }

    /// <summary>What <see cref="MaxConcurrentUploads"/> and <see cref="AutoConcurrency"/> ask for, as the client's limiter takes it.</summary>
    public ConcurrencyLimit Concurrency => AutoConcurrency ? ConcurrencyLimit.Auto : ConcurrencyLimit.Fixed(MaxConcurrentUploads);

    /// <summary>Hex digits of the SHA-256 in remote names (8–64).</summary>
    public int HashLength { get; init; } = 16;

    /// <summary>Keep file hashes across runs (keyed by full path, size and modification time).</summary>
    public bool UseHashCache { get; init; } = true;

    /// <summary>Where the hash cache lives; null means the user's local application data folder. Never inside <see cref="LocalPath"/>.</summary>
    public string? HashCacheDirectory { get; init; }

    /// <summary>
    /// How files are named on the volume (SPEC §9): <see cref="NamingMode.Hashed"/> (the default) keeps versions side
    /// by side; <see cref="NamingMode.Original"/> keeps each file's own name, overwritten in place. A root holds one
    /// mode: syncing the other into it is refused (VOLSYNC1205) unless <see cref="ForceUpload"/>.
    /// </summary>
    public NamingMode Naming { get; init; } = NamingMode.Hashed;

    /// <summary>
    /// What the release manifest records as its source (SPEC §8). Fields left null are filled in where possible: the
    /// commit from <c>GITHUB_SHA</c>, <c>BUILD_SOURCEVERSION</c>, <c>CI_COMMIT_SHA</c> or <c>git rev-parse HEAD</c>,
    /// and the CI system.
    /// </summary>
    public ReleaseSource? Source { get; init; }
}
