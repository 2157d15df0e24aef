using System.Diagnostics;
using VolSync.Diagnostics;
using VolSync.Releases;
using VolSync.Remote;

namespace VolSync;

// Releases of a remote root (SPEC §8): list, read, verify, pull, prune. These need a store that can also read and
// delete (IVolumeFileStore, e.g. DatabricksClient).
public sealed partial class VolumeSync
{
    /// <summary>The releases of the remote root of <paramref name="location"/>, newest first, with the latest marked.</summary>
    public async Task<ReleaseListResult> ListReleasesAsync(VolumeLocation location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        var clock = Stopwatch.StartNew();
        var all = await new ReleaseStore(FileStore()).ReadAllAsync(location.RemoteRoot, 8, cancellationToken).ConfigureAwait(false);
        var releases = all.Releases
            .Select(r => r.Manifest is { } m
                ? ReleaseSummary.Of(m, m.Id == all.Latest?.Id, r.Path)
                : new ReleaseSummary(r.Id, null, 0, 0, default, null, r.Id == all.Latest?.Id, r.Path, r.Error!.Message, r.Error.Code))
            .ToList();
        return new ReleaseListResult { RemoteRoot = location.RemoteRoot, LatestId = all.Latest?.Id, Releases = releases, Duration = clock.Elapsed };
    }

    /// <summary>
    /// A release of the remote root through the API: <paramref name="releaseId"/>, or the latest when null. Its
    /// <see cref="ReleaseManifest.RemoteRoot"/> is the remote root, so <see cref="ReleaseManifest.Resolve"/> gives remote paths.
    /// Throws VOLSYNC1203 (no such release), 1204 (no release at all), 1200–1202 (invalid manifest), 2405 (bad id).
    /// </summary>
    public Task<ReleaseManifest> GetReleaseAsync(VolumeLocation location, string? releaseId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new ReleaseStore(FileStore()).ReadAsync(location.RemoteRoot, releaseId, cancellationToken);
    }

    /// <summary>
    /// Re-reads every file of a release (default: the latest) from the volume and checks its size and SHA-256. Per-file
    /// problems are in the result; only a missing or unreadable release throws.
    /// </summary>
    public async Task<VerifyResult> VerifyAsync(VolumeLocation location, string? releaseId = null, int maxConcurrentDownloads = 5, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckConcurrency(maxConcurrentDownloads);
        LimitRequests(maxConcurrentDownloads);
        var manifest = await GetReleaseAsync(location, releaseId, cancellationToken).ConfigureAwait(false);
        var reporter = new ReleaseProgressReporter(progress, "verify", manifest.Files.Count, manifest.TotalSize);
        var files = await new ReleaseVerifier(FileStore(), _logger).VerifyAsync(manifest, location.RemoteRoot, maxConcurrentDownloads, reporter, cancellationToken).ConfigureAwait(false);
        return new VerifyResult { RemoteRoot = location.RemoteRoot, ReleaseId = manifest.Id, Naming = manifest.Naming, Files = files, Duration = reporter.Elapsed };
    }

    /// <summary>
    /// Downloads a release (default: the latest) into <see cref="PullOptions.Destination"/> under its original relative
    /// paths, verifying each file while it streams and writing it atomically; files already right are skipped.
    /// </summary>
    public async Task<PullResult> PullAsync(VolumeLocation location, PullOptions options, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckConcurrency(options.MaxConcurrentDownloads);
        LimitRequests(options.MaxConcurrentDownloads);
        var destination = ReleasePuller.FullDestination(options.Destination);
        var manifest = await GetReleaseAsync(location, options.ReleaseId, cancellationToken).ConfigureAwait(false);
        var reporter = new ReleaseProgressReporter(progress, "pull", manifest.Files.Count, manifest.TotalSize);
        var files = await new ReleasePuller(FileStore(), _logger).PullAsync(manifest, location.RemoteRoot, destination, options.MaxConcurrentDownloads, reporter, cancellationToken).ConfigureAwait(false);
        return new PullResult { RemoteRoot = location.RemoteRoot, ReleaseId = manifest.Id, Destination = destination, Files = files, Duration = reporter.Elapsed };
    }

    /// <summary>
    /// Decides what <see cref="PruneAsync"/> would delete, without deleting anything (SPEC §8). Throws VOLSYNC1206 for an
    /// original-names root and VOLSYNC1208 when a manifest cannot be read.
    /// </summary>
    public Task<PrunePlan> PlanPruneAsync(VolumeLocation location, PruneOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(options);
        LimitRequests(options.MaxConcurrentDeletes);
        return new ReleasePruner(FileStore(), _logger).PlanAsync(location, options, cancellationToken);
    }

    /// <summary>Carries out a plan of <see cref="PlanPruneAsync"/> (nothing for a dry run). One failed delete never stops the others.</summary>
    public Task<PruneResult> ExecutePruneAsync(PrunePlan plan, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        LimitRequests(plan.Options.MaxConcurrentDeletes);
        return new ReleasePruner(FileStore(), _logger).ExecuteAsync(plan, progress, TimeSpan.Zero, cancellationToken);
    }

    /// <summary>Plans, then deletes: old release manifests and the files only they referenced. The plan is in the result.</summary>
    public async Task<PruneResult> PruneAsync(VolumeLocation location, PruneOptions options, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var pruner = new ReleasePruner(FileStore(), _logger);
        var plan = await PlanPruneAsync(location, options, cancellationToken).ConfigureAwait(false);
        return await pruner.ExecuteAsync(plan, progress, clock.Elapsed, cancellationToken).ConfigureAwait(false);
    }

    private IVolumeFileStore FileStore() =>
        _store as IVolumeFileStore ?? throw new InvalidOperationException("Releases need a volume store that can read and delete files (IVolumeFileStore), such as DatabricksClient.");

    /// <summary>
    /// A store that caps its own requests (the Databricks client's host limiter) gets the operation's number as its
    /// cap, so downloads or deletes run as many at once as asked, not the cap the last sync left behind.
    /// </summary>
    private void LimitRequests(int maxConcurrent) =>
        (_store as ISelfLimitingStore)?.LimitConcurrency(ConcurrencyLimit.Fixed(maxConcurrent));

    private static void CheckConcurrency(int value)
    {
        if (SyncConfig.CheckMaxConcurrent(value, SettingNames.Library with { MaxConcurrentUploads = "maxConcurrentDownloads" }) is { } problem)
        {
            throw new VolSyncException(problem);
        }
    }
}
