using System.Globalization;
using System.Runtime.CompilerServices;
using VolSync.Diagnostics;
using VolSync.Discovery;
using VolSync.Hashing;
using VolSync.Naming;
using VolSync.Planning;
using VolSync.Releases;
using VolSync.Remote;
using VolSync.Transfer;

namespace VolSync;

/// <summary>
/// Syncs a local folder into a Databricks volume, uploading only what changed:
/// discover → hash (cached across runs) → list the needed remote directories → plan → upload.
/// </summary>
public sealed partial class VolumeSync
{
    private readonly IVolumeStore _store;
    private readonly ISyncLogger _logger;
    private readonly TimeProvider _time;

    public VolumeSync(IVolumeStore store, ISyncLogger? logger = null)
        : this(store, logger, TimeProvider.System)
    {
    }

    /// <summary>Tests move the clock the hash cache's racy window is judged by.</summary>
    internal VolumeSync(IVolumeStore store, ISyncLogger? logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _logger = logger ?? NullSyncLogger.Instance;
        _time = time;
    }

    /// <summary>
    /// Runs one sync. Throws <see cref="VolSyncException"/> only for problems that stop the whole run (invalid
    /// configuration, the remote unreachable while listing); per-file failures are in the result.
    /// Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task<SyncResult> SyncAsync(SyncConfig config, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (root, location, selector) = Validate(config);
        cancellationToken.ThrowIfCancellationRequested();
        (_store as ISelfLimitingStore)?.LimitConcurrency(config.Concurrency);
        var reporter = new ProgressReporter(progress);
        var failed = new List<SyncFileResult>();

        // 0. The root's current release: the baseline of original names, and refused when it is the other mode.
        var current = await ReadCurrentReleaseAsync(config, location, cancellationToken).ConfigureAwait(false);

        // 1–4. Discover, hash, list and plan.
        var uploadOptions = new UploadOptions { MultipartThreshold = config.MultipartThreshold };
        var cache = config.UseHashCache ? HashCache.For(root, config.HashCacheDirectory) : null;
        var plan = await PlanAsync(config, root, location, selector, current, cache, uploadOptions, reporter, failed, cancellationToken).ConfigureAwait(false);
        failed.AddRange(plan.Failures);

        var uploads = plan.Uploads;
        reporter.StartPhase(SyncPhase.Planning, plan.Files.Count);
        var results = new FileResultList.Builder(failed.Count + plan.Files.Count);
        foreach (var failure in failed)
        {
            results.Add(failure);
            reporter.Completed(failure);
        }

        foreach (var skip in plan.Files.Where(f => f.Action == PlannedAction.Skip))
        {
            results.Add(skip, FileOutcome.Skipped);
            var result = FileResultList.ToResult(skip, FileOutcome.Skipped);
            reporter.Completed(result);
        }

        if (config.DryRun)
        {
            foreach (var upload in uploads)
            {
                var route = _store.PlanUpload(upload.RemotePath, upload.Source.Size, uploadOptions);
                results.Add(upload, FileOutcome.WouldUpload, route);
                var result = FileResultList.ToResult(upload, FileOutcome.WouldUpload) with { Route = route };
                reporter.Completed(result);
            }

            return Finish(results.Build(), location, config, reporter, ReleaseOutcome.Unchanged(current, location));
        }

        // 5. Upload.
        cancellationToken.ThrowIfCancellationRequested();
        reporter.StartPhase(SyncPhase.Uploading, uploads.Count, uploads.Sum(u => u.Source.Size));
        var executor = new UploadExecutor(_store, reporter, _logger, uploadOptions);
        foreach (var (planned, failure, route) in await executor.ExecuteAsync(uploads, UploadWorkers(config), cancellationToken).ConfigureAwait(false))
        {
            if (failure is null)
            {
                results.Add(planned, FileOutcome.Uploaded, route);
            }
            else
            {
                results.Add(failure);
            }
        }

        if (cache is not null && executor.Corrections.Count > 0)
        {
            // Hashes found wrong while uploading: forget them, remember the true ones.
            var hashedAt = _time.GetUtcNow().UtcDateTime;
            cache.Save(
                executor.Corrections.Select(c => HashCacheEntry.For(c.Fresh, hashedAt)).OfType<HashCacheEntry>().OrderBy(e => e.Path, StringComparer.Ordinal).ToList(),
                executor.Corrections.Select(c => HashCacheEntry.For(c.Wrong, DateTime.MaxValue)).OfType<HashCacheEntry>().ToList(),
                _logger);
        }

        // 6. Record the release: only when every file is there, and only when the file set changed.
        var all = results.Build();
        var release = await RecordReleaseAsync(config, root, location, current, all, cancellationToken).ConfigureAwait(false);
        return Finish(all, location, config, reporter, release);
    }

    /// <summary>
    /// Steps 1–4 in a method of their own, so that what only they need (the discovered, routable and hashed lists of a
    /// 200 000-file tree) is garbage once the plan is made instead of living as long as the whole run.
    /// </summary>
    private async Task<SyncPlan> PlanAsync(SyncConfig config, string root, VolumeLocation location, FileSelector selector, CurrentRelease? current, HashCache? cache, UploadOptions uploadOptions, ProgressReporter reporter, List<SyncFileResult> failed, CancellationToken cancellationToken)
    {
        // 1. Discover; .volsync/ is VolSync's own on the volume, so a local one is not synced.
        reporter.StartPhase(SyncPhase.Discovering);
        var discovery = await Task.Run(() => selector.Discover(root, cancellationToken), cancellationToken).ConfigureAwait(false);
        var files = WithoutVolSyncFolder(discovery, root);
        failed.AddRange(discovery.Failures.Where(f => !ReleaseLayout.IsVolSyncPath(f.RelativePath)).Select(f => new SyncFileResult(f.FullPath, f.RelativePath, string.Empty, 0, string.Empty, FileOutcome.Failed, f.Message, f.Code)));
        _logger.Log(SyncLogLevel.Debug, $"Selected {files.Count} file(s) under {root}.");
        var routable = DropUnroutable(files, location, uploadOptions, failed);

        // 2. Hash, reusing hashes of files that look exactly as they did in an earlier run.
        var hashed = await HashAsync(config, cache, routable, reporter, failed, cancellationToken).ConfigureAwait(false);

        // 3–4. List the remote directories the files map to, and plan.
        var naming = config.Naming == NamingMode.Original
            ? RemoteNaming.Original(current)
            : RemoteNaming.Hashed(config.HashLength);
        reporter.StartPhase(SyncPhase.Listing, config.Force ? 0 : SyncPlanner.CountDirectories(location, hashed));
        return await SyncPlanner.PlanAsync(
            _store,
            location,
            hashed,
            naming,
            config.Force,
            directory => reporter.FileDone(directory),
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every file under the remote root of <paramref name="location"/>, walking sub-directories, with hashed names
    /// parsed back to the original names (SPEC §1). Entries come directory by directory, in ordinal name order.
    /// </summary>
    public async IAsyncEnumerable<RemoteFileInfo> ListRemoteAsync(VolumeLocation location, int hashLength = HashedName.DefaultHashLength, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (hashLength is < HashedName.MinHashLength or > HashedName.MaxHashLength)
        {
            throw new VolSyncException(SyncConfig.CheckHashLength(hashLength, SettingNames.Library with { HashLength = nameof(hashLength) })!);
        }

        var root = location.RemoteRoot;
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            var entries = new List<RemoteEntry>();
            await foreach (var entry in _store.ListDirectoryAsync(directory, cancellationToken).ConfigureAwait(false))
            {
                entries.Add(entry);
            }

            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var entry in entries.Where(e => e.IsDirectory).Reverse())
            {
                // VolSync's own folder holds manifests, never user files.
                if (directory == root && string.Equals(entry.Name, ReleaseLayout.DirectoryName, StringComparison.Ordinal))
                {
                    continue;
                }

                pending.Push(entry.Path.TrimEnd('/'));
            }

            foreach (var entry in entries.Where(e => !e.IsDirectory))
            {
                var relative = entry.Path.Length > root.Length && entry.Path.StartsWith(root + "/", StringComparison.Ordinal)
                    ? entry.Path[(root.Length + 1)..]
                    : entry.Name;
                yield return HashedName.TryParse(entry.Name, hashLength, out var parts)
                    ? new RemoteFileInfo(entry.Path, relative, parts.OriginalName, parts.Hash, entry.FileSize, entry.LastModified)
                    : new RemoteFileInfo(entry.Path, relative, entry.Name, null, entry.FileSize, entry.LastModified);
            }
        }
    }

    /// <summary>Files no upload route can take (too large) fail here, before anything reads them.</summary>
    private List<LocalFile> DropUnroutable(IReadOnlyList<LocalFile> files, VolumeLocation location, UploadOptions options, List<SyncFileResult> failed)
    {
        var routable = new List<LocalFile>(files.Count);
        foreach (var file in files)
        {
            try
            {
                _store.PlanUpload(location.Combine(file.RelativePath), file.Size, options);
                routable.Add(file);
            }
            catch (VolSyncException ex)
            {
                failed.Add(new SyncFileResult(file.FullPath, file.RelativePath, string.Empty, file.Size, string.Empty, FileOutcome.Failed, ex.Message, ex.Code));
            }
        }

        return routable;
    }

    private static (string Root, VolumeLocation Location, FileSelector Selector) Validate(SyncConfig config)
    {
        // Hosts validate first (with their own setting names); a library caller gets every problem here at once.
        var problems = config.Validate();
        if (problems.Count > 0)
        {
            throw new VolSyncException(problems);
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(config.LocalPath));
        return (root, config.Target, new FileSelector(config.Patterns, config.ExcludePatterns));
    }

    private async Task<List<HashedFile>> HashAsync(SyncConfig config, HashCache? cache, List<LocalFile> files, ProgressReporter reporter, List<SyncFileResult> failed, CancellationToken cancellationToken)
    {
        var hashed = new HashedFile?[files.Count];
        // --force re-hashes every file: it is the way out when a hash cannot be trusted.
        var entries = cache is not null && !config.Force
            ? cache.Match(files, (index, sha256) => hashed[index] = new HashedFile(files[index], sha256, files[index].Size, files[index].LastWriteUtcTicks), _logger)
            : -1;
        var toHash = new List<int>();
        for (var i = 0; i < files.Count; i++)
        {
            if (hashed[i] is null)
            {
                toHash.Add(i);
            }
        }

        // Every file found unchanged and nothing else on record: the file on disk already says all there is.
        var cacheIsCurrent = toHash.Count == 0 && entries == files.Count;
        _logger.Log(SyncLogLevel.Debug, $"Hashing {toHash.Count} file(s); {files.Count - toHash.Count} unchanged since an earlier run.");
        reporter.StartPhase(SyncPhase.Hashing, toHash.Count, toHash.Sum(i => files[i].Size));
        var hashedAt = _time.GetUtcNow().UtcDateTime;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<HashOutcome>();
        await FileHasher.HashEachAsync(
            new Subset(files, toHash),
            (index, outcome) =>
            {
                if (outcome.Hashed is { } h)
                {
                    hashed[toHash[index]] = h;
                }
                else
                {
                    failures.Enqueue(outcome);
                }

                reporter.FileDone(outcome.File.RelativePath);
            },
            bytes => reporter.AddBytes(bytes),
            cancellationToken: cancellationToken).ConfigureAwait(false);

        foreach (var outcome in failures.OrderBy(o => o.File.RelativePath, StringComparer.Ordinal))
        {
            failed.Add(new SyncFileResult(outcome.File.FullPath, outcome.File.RelativePath, string.Empty, outcome.File.Size, string.Empty, FileOutcome.Failed, outcome.Error, outcome.ErrorCode));
        }

        var result = new List<HashedFile>(files.Count - failures.Count);
        foreach (var file in hashed)
        {
            if (file is not null)
            {
                result.Add(file);
            }
        }

        if (cache is not null && !config.DryRun && !cacheIsCurrent)
        {
            // In discovery order, which is ordinal path order, as the cache merges.
            cache.Save(result.Select(h => HashCacheEntry.For(h, hashedAt)).OfType<HashCacheEntry>(), [], _logger);
        }

        return result;
    }

    /// <summary>
    /// Uploads run at once. A store that caps requests in flight itself gets more of them than its cap, so a file
    /// waiting out a 429 does not idle the pipe; any other store gets exactly the configured number.
    /// </summary>
    private int UploadWorkers(SyncConfig config) =>
        _store is ISelfLimitingStore ? SelfLimitedUploadWorkers : config.Concurrency.Max;

    /// <summary>Enough for 32 requests in flight plus as many waiting out a <c>Retry-After</c>.</summary>
    internal const int SelfLimitedUploadWorkers = 2 * ConcurrencyLimit.AutoMax;

    private SyncResult Finish(FileResultList results, VolumeLocation location, SyncConfig config, ProgressReporter reporter, ReleaseOutcome release)
    {
        var result = new SyncResult
        {
            RemoteRoot = location.RemoteRoot,
            DryRun = config.DryRun,
            Files = results,
            Duration = reporter.Elapsed,
            Naming = config.Naming,
            ReleaseId = release.Id,
            ManifestPath = release.ManifestPath,
            ReleaseCreated = release.Created,
            ReleaseError = release.Error,
            ReleaseErrorCode = release.ErrorCode,
        };
        reporter.StartPhase(SyncPhase.Completed, results.Count, result.TotalBytesUploaded);
        // The engine reports; hosts write the summary and the per-file lines from the result and the progress stream.
        if (release.Error is not null)
        {
            _logger.Log(SyncLogLevel.Error, release.Error, release.ErrorCode);
        }

        return result;
    }

    private async Task<CurrentRelease?> ReadCurrentReleaseAsync(SyncConfig config, VolumeLocation location, CancellationToken cancellationToken)
    {
        if (_store is not IVolumeFileStore files)
        {
            _logger.Log(SyncLogLevel.Debug, "The volume store cannot read files, so no release manifest is read or written.");
            return null;
        }

        // Hashed names need only the file set of latest.json; original names also need its server time.
        var current = await new ReleaseStore(files).ReadLatestAsync(location.RemoteRoot, forOriginalNames: config.Naming == NamingMode.Original, cancellationToken).ConfigureAwait(false);
        if (current is not null && current.Naming != config.Naming)
        {
            if (!config.Force)
            {
                throw DiagnosticCodes.NamingModeSwitch.ToException(location.RemoteRoot, current.Naming.ToName(), config.Naming.ToName());
            }

            _logger.Log(SyncLogLevel.Info, $"Switching {location.RemoteRoot} from {current.Naming.ToName()} to {config.Naming.ToName()} names (forced): every file is uploaded.");
        }

        return current;
    }

    private IReadOnlyList<LocalFile> WithoutVolSyncFolder(DiscoveryResult discovery, string root)
    {
        var own = discovery.Files.Count(f => ReleaseLayout.IsVolSyncPath(f.RelativePath));
        if (own == 0)
        {
            return discovery.Files;
        }

        _logger.Log(SyncLogLevel.Warning, DiagnosticCodes.LocalVolSyncFolderSkipped.Format(own, root), DiagnosticCodes.LocalVolSyncFolderSkipped.Code);
        return discovery.Files.Where(f => !ReleaseLayout.IsVolSyncPath(f.RelativePath)).ToList();
    }

    /// <summary>
    /// Writes the release manifest after a run in which no file failed (SPEC §8). An unchanged file set writes
    /// nothing, so a no-op re-sync makes no PUT; an empty selection records no release (it would make every earlier
    /// file prunable). A manifest that cannot be written fails the run (VOLSYNC1207) and leaves the previous release current.
    /// </summary>
    private async Task<ReleaseOutcome> RecordReleaseAsync(SyncConfig config, string localRoot, VolumeLocation location, CurrentRelease? current, FileResultList results, CancellationToken cancellationToken)
    {
        if (_store is not IVolumeFileStore files || results.CountOf(FileOutcome.Failed) > 0)
        {
            return ReleaseOutcome.None;
        }

        if (results.Count == 0)
        {
            _logger.Log(SyncLogLevel.Debug, "No files selected: no release is recorded.");
            return ReleaseOutcome.Unchanged(current, location);
        }

        // The manifest's entries are made from the results (already in path order) each time it is serialized: once
        // to measure it, once per upload. Nothing of it is held beside the results.
        var manifest = ManifestDocument.CreateRelease(
            config.Naming,
            config.HashLength,
            results.ReleaseFiles(location.RemoteRoot),
            ReleaseSourceDetector.Complete(config.Source, localRoot),
            DateTimeOffset.UtcNow);
        var store = new ReleaseStore(files);
        if (current is not null && current.HasSameFilesAs(manifest))
        {
            _logger.Log(SyncLogLevel.Debug, $"The file set equals release {current.Id}: no new release.");
            if (config.Naming != NamingMode.Original || results.CountOf(FileOutcome.Uploaded) == 0)
            {
                return ReleaseOutcome.Unchanged(current, location);
            }

            // A file was restored in place, so it is now newer than latest.json: rewrite latest.json, or every later
            // run would upload that file again (SPEC §9 compares the two server times).
            try
            {
                await store.RewriteLatestAsync(location.RemoteRoot, current.ToDocument(), cancellationToken).ConfigureAwait(false);
                return ReleaseOutcome.Unchanged(current, location);
            }
            catch (VolSyncException ex)
            {
                return ReleaseOutcome.Failed(DiagnosticCodes.ManifestNotWritten.Format(location.RemoteRoot, ex.Message));
            }
        }

        try
        {
            await store.WriteAsync(location.RemoteRoot, manifest, cancellationToken).ConfigureAwait(false);
        }
        catch (VolSyncException ex)
        {
            _logger.Log(SyncLogLevel.Debug, $"Writing release {manifest.Header.Id} failed: {ex}");
            return ReleaseOutcome.Failed(DiagnosticCodes.ManifestNotWritten.Format(location.RemoteRoot, ex.Message));
        }

        _logger.Log(SyncLogLevel.Info, $"Recorded release {manifest.Header.Id}: {manifest.FileCount} file(s) -> {ReleaseLayout.LatestPath(location.RemoteRoot)}");
        return new ReleaseOutcome(manifest.Header.Id, ReleaseLayout.ManifestPath(location.RemoteRoot, manifest.Header.Id), true, null, null);
    }

    /// <summary>What step 6 did about the release.</summary>
    private sealed record ReleaseOutcome(string? Id, string? ManifestPath, bool Created, string? Error, string? ErrorCode)
    {
        public static ReleaseOutcome None { get; } = new(null, null, false, null, null);

        public static ReleaseOutcome Unchanged(CurrentRelease? current, VolumeLocation location) =>
            current is null ? None : new(current.Id, ReleaseLayout.ManifestPath(location.RemoteRoot, current.Id), false, null, null);

        public static ReleaseOutcome Failed(string error) => new(null, null, false, error, DiagnosticCodes.ManifestNotWritten.Code);
    }


    /// <summary>The files at some indices of a list, without copying them.</summary>
    private sealed class Subset(IReadOnlyList<LocalFile> files, List<int> indices) : IReadOnlyList<LocalFile>
    {
        public int Count => indices.Count;

        public LocalFile this[int index] => files[indices[index]];

        public IEnumerator<LocalFile> GetEnumerator() => indices.Select(i => files[i]).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
