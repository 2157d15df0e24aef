using System.Collections.Concurrent;
using System.Globalization;
using VolSync.Diagnostics;
using VolSync.Naming;
using VolSync.Remote;

namespace VolSync.Releases;

/// <summary>
/// Removes old releases of a hashed-names root (SPEC §8). The deletion rule, in one place: keep the N newest releases
/// (and always the latest); delete the other manifests; delete a file when a deleted release referenced it, no kept
/// release does, its name parses as a VolSync hashed name, and it is older than the minimum age. With
/// <see cref="PruneOptions.Unreferenced"/>, also hashed-looking files no kept release references. Foreign names are
/// never touched; nested remote roots (folders with their own <c>.volsync/</c>) are not walked into.
/// </summary>
internal sealed class ReleasePruner
{
    private const int ListParallelism = 8;

    private readonly IVolumeFileStore _store;
    private readonly ISyncLogger _logger;

    public ReleasePruner(IVolumeFileStore store, ISyncLogger logger)
    {
        _store = store;
        _logger = logger;
    }

    public async Task<PrunePlan> PlanAsync(VolumeLocation location, PruneOptions options, CancellationToken cancellationToken)
    {
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new VolSyncException(problems);
        }
        var root = location.RemoteRoot;
        var all = await new ReleaseStore(_store).ReadAllAsync(root, options.MaxConcurrentDeletes, cancellationToken).ConfigureAwait(false);
        if (all.Latest is { Naming: NamingMode.Original })
        {
            throw DiagnosticCodes.PruneOriginalNames.ToException(root);
        }

        // Without knowing what a release references, nothing it might reference can be judged unreferenced.
        if (all.Releases.FirstOrDefault(r => r.Error is not null) is { } unreadable)
        {
            throw DiagnosticCodes.PruneManifestUnreadable.ToException(unreadable.Error!, unreadable.Path, unreadable.Error!.Message);
        }

        var releases = all.Releases.Select(r => (r.Manifest!, r.Path)).ToList();
        if (releases.Count == 0)
        {
            // No release says what is in use, so nothing can be called unused.
            _logger.Log(SyncLogLevel.Debug, $"{root} has no releases: nothing to prune.");
            return new PrunePlan(root, options, null, [], [], [], [], new Dictionary<string, IReadOnlySet<string>>());
        }

        var keptIds = releases.Take(options.Keep).Select(r => r.Item1.Id).ToHashSet(StringComparer.Ordinal);
        if (all.Latest is not null)
        {
            keptIds.Add(all.Latest.Id);
        }

        var kept = releases.Where(r => keptIds.Contains(r.Item1.Id)).ToList();
        var deleted = releases.Where(r => !keptIds.Contains(r.Item1.Id)).ToList();
        var keptRefs = kept.SelectMany(r => r.Item1.Files).Select(f => f.RemotePath).ToHashSet(StringComparer.Ordinal);
        var hashLengths = releases.Where(r => r.Item1.Naming == NamingMode.Hashed).Select(r => r.Item1.HashLength).Append(HashedName.DefaultHashLength).Distinct().ToList();

        var referencesByRelease = deleted.ToDictionary(
            r => r.Item1.Id,
            r => (IReadOnlySet<string>)r.Item1.Files.Select(f => f.RemotePath).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var releaseCandidates = deleted
            .SelectMany(r => r.Item1.Files.Where(f => IsHashed(f.RemotePath, [r.Item1.HashLength])))
            .Select(f => f.RemotePath)
            .Where(p => !keptRefs.Contains(p))
            .ToHashSet(StringComparer.Ordinal);

        var listed = options.Unreferenced
            ? await WalkAsync(root, cancellationToken).ConfigureAwait(false)
            : await ListDirectoriesAsync(root, releaseCandidates.Select(DirectoryOf).Distinct(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);

        var now = DateTimeOffset.UtcNow;
        var files = new List<PruneCandidate>();
        var tooNew = new List<PruneCandidate>();
        foreach (var (relative, entry) in listed.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            PruneReason reason;
            if (releaseCandidates.Contains(relative))
            {
                reason = PruneReason.Release;
            }
            else if (options.Unreferenced && !keptRefs.Contains(relative) && IsHashed(relative, hashLengths))
            {
                reason = PruneReason.Unreferenced;
            }
            else
            {
                continue;
            }

            var candidate = new PruneCandidate(entry.Path, relative, entry.FileSize, entry.LastModified, reason);
            (IsOldEnough(entry.LastModified, options.MinAge, now) ? files : tooNew).Add(candidate);
        }

        return new PrunePlan(
            root,
            options,
            all.Latest?.Id,
            kept.Select(r => ReleaseSummary.Of(r.Item1, r.Item1.Id == all.Latest?.Id, r.Path)).ToList(),
            deleted.Select(r => ReleaseSummary.Of(r.Item1, false, r.Path)).ToList(),
            files,
            tooNew,
            referencesByRelease);
    }

    public async Task<PruneResult> ExecuteAsync(PrunePlan plan, IProgress<ReleaseProgress>? progress, TimeSpan elapsedPlanning, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var options = plan.Options;
        if (options.DryRun)
        {
            return new PruneResult
            {
                Plan = plan,
                DryRun = true,
                Releases = plan.DeletedReleases.Select(r => new PruneEntry(r.ManifestPath, 0, PruneOutcome.WouldDelete)).ToList(),
                Files = plan.Files.Select(f => new PruneEntry(f.RemotePath, f.Size, PruneOutcome.WouldDelete, f.Reason)).ToList(),
                Directories = [],
                Duration = elapsedPlanning,
            };
        }

        var reporter = new ReleaseProgressReporter(progress, "prune", plan.DeletedReleases.Count + plan.Files.Count, plan.BytesToFree);

        // 1. Manifests first: a file is only deleted once no manifest that needs it is left.
        var releases = await DeleteAllAsync(plan.DeletedReleases.Select(r => (r.ManifestPath, 0L, (PruneReason?)null)).ToList(), options.MaxConcurrentDeletes, reporter, cancellationToken).ConfigureAwait(false);
        var spared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (release, entry) in plan.DeletedReleases.Zip(releases))
        {
            if (entry.Outcome == PruneOutcome.Failed)
            {
                spared.UnionWith(plan.ReferencesByRelease[release.Id]);
            }
        }

        // 2. A sync may have recorded a release since the plan: what it references stays.
        string? recheckError = null;
        try
        {
            var latest = await new ReleaseStore(_store).TryReadAsync(ReleaseLayout.LatestPath(plan.RemoteRoot), plan.RemoteRoot, cancellationToken).ConfigureAwait(false);
            if (latest is not null && latest.Id != plan.LatestId)
            {
                _logger.Log(SyncLogLevel.Debug, $"Release {latest.Id} was recorded while pruning; its files are kept.");
                spared.UnionWith(latest.Files.Select(f => f.RemotePath));
            }
        }
        catch (VolSyncException ex)
        {
            recheckError = ex.Message;
        }

        // 3. Files.
        var toDelete = plan.Files.Where(f => recheckError is null && !spared.Contains(f.RelativePath)).ToList();
        var deletedFiles = await DeleteAllAsync(toDelete.Select(f => (f.RemotePath, f.Size, (PruneReason?)f.Reason)).ToList(), options.MaxConcurrentDeletes, reporter, cancellationToken).ConfigureAwait(false);
        var byPath = deletedFiles.ToDictionary(e => e.RemotePath, StringComparer.Ordinal);
        var files = plan.Files
            .Select(f => byPath.TryGetValue(f.RemotePath, out var done)
                ? done
                : new PruneEntry(f.RemotePath, f.Size, PruneOutcome.Kept, f.Reason, recheckError is null ? "a release that is kept needs it" : "latest.json could not be re-read: " + recheckError))
            .ToList();

        // 4. Folders the deletes left empty, deepest first, up to (never including) the root.
        var directories = await RemoveEmptiedDirectoriesAsync(plan.RemoteRoot, files.Where(f => f.Outcome == PruneOutcome.Deleted).Select(f => f.RemotePath), cancellationToken).ConfigureAwait(false);

        var result = new PruneResult
        {
            Plan = plan,
            DryRun = false,
            Releases = releases,
            Files = files,
            Directories = directories,
            Duration = elapsedPlanning + (DateTimeOffset.UtcNow - started),
        };
        return result;
    }

    private async Task<List<PruneEntry>> DeleteAllAsync(IReadOnlyList<(string Path, long Size, PruneReason? Reason)> items, int parallelism, ReleaseProgressReporter reporter, CancellationToken cancellationToken)
    {
        var results = new PruneEntry[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), options, async (index, ct) =>
        {
            var (path, size, reason) = items[index];
            PruneEntry entry;
            try
            {
                // Already gone (another prune, a retried DELETE that had succeeded) is what we wanted.
                await _store.TryDeleteFileAsync(path, ct).ConfigureAwait(false);
                entry = new PruneEntry(path, size, PruneOutcome.Deleted, reason);
                _logger.Log(SyncLogLevel.Debug, $"Deleted {path}");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (VolSyncException ex)
            {
                entry = new PruneEntry(path, size, PruneOutcome.Failed, reason, ex.Message, ex.Code);
                _logger.Log(SyncLogLevel.Debug, $"Failed to delete {path}: {ex.Code}: {ex.Message}");
            }

            results[index] = entry;
            reporter.AddBytes(entry.Outcome == PruneOutcome.Deleted ? size : 0);
            reporter.FileDone(path, entry.Outcome.ToString());
        }).ConfigureAwait(false);
        return [.. results];
    }

    private async Task<List<PruneEntry>> RemoveEmptiedDirectoriesAsync(string root, IEnumerable<string> deletedFiles, CancellationToken cancellationToken)
    {
        var pending = new SortedSet<string>(deletedFiles.Select(ParentOf).Where(d => d.Length > root.Length), Comparer<string>.Create((a, b) =>
        {
            // Deepest first, so a parent is looked at after its children.
            var depth = b.Count(c => c == '/').CompareTo(a.Count(c => c == '/'));
            return depth != 0 ? depth : string.CompareOrdinal(a, b);
        }));
        var results = new List<PruneEntry>();
        while (pending.Count > 0)
        {
            var directory = pending.Min!;
            pending.Remove(directory);
            try
            {
                var empty = true;
                await foreach (var _ in _store.ListDirectoryAsync(directory, cancellationToken).ConfigureAwait(false))
                {
                    empty = false;
                    break;
                }

                if (!empty)
                {
                    continue;
                }

                await _store.TryDeleteDirectoryAsync(directory, cancellationToken).ConfigureAwait(false);
                results.Add(new PruneEntry(directory, 0, PruneOutcome.Deleted));
                _logger.Log(SyncLogLevel.Debug, $"Removed empty folder {directory}");
                var parent = ParentOf(directory);
                if (parent.Length > root.Length)
                {
                    pending.Add(parent);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (VolSyncException ex)
            {
                results.Add(new PruneEntry(directory, 0, PruneOutcome.Failed, null, ex.Message, ex.Code));
            }
        }

        return results;
    }

    /// <summary>Every file under the root by relative path, skipping <c>.volsync/</c> and nested roots.</summary>
    private async Task<Dictionary<string, RemoteEntry>> WalkAsync(string root, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, RemoteEntry>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(string.Empty);
        while (pending.Count > 0)
        {
            var relativeDirectory = pending.Pop();
            var entries = new List<RemoteEntry>();
            await foreach (var entry in _store.ListDirectoryAsync(Combine(root, relativeDirectory), cancellationToken).ConfigureAwait(false))
            {
                entries.Add(entry);
            }

            if (relativeDirectory.Length > 0 && entries.Any(e => e.IsDirectory && e.Name == ReleaseLayout.DirectoryName))
            {
                _logger.Log(SyncLogLevel.Debug, $"{Combine(root, relativeDirectory)} has releases of its own: not pruned from {root}.");
                continue;
            }

            foreach (var entry in entries)
            {
                var relative = relativeDirectory.Length == 0 ? entry.Name : relativeDirectory + "/" + entry.Name;
                if (!entry.IsDirectory)
                {
                    files[relative] = entry;
                }
                else if (!(relativeDirectory.Length == 0 && entry.Name == ReleaseLayout.DirectoryName))
                {
                    pending.Push(relative);
                }
            }
        }

        return files;
    }

    /// <summary>The files of the given relative directories, by relative path.</summary>
    private async Task<Dictionary<string, RemoteEntry>> ListDirectoriesAsync(string root, IEnumerable<string> relativeDirectories, CancellationToken cancellationToken)
    {
        var files = new ConcurrentDictionary<string, RemoteEntry>(StringComparer.Ordinal);
        var options = new ParallelOptions { MaxDegreeOfParallelism = ListParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(relativeDirectories, options, async (relativeDirectory, ct) =>
        {
            await foreach (var entry in _store.ListDirectoryAsync(Combine(root, relativeDirectory), ct).ConfigureAwait(false))
            {
                if (!entry.IsDirectory)
                {
                    files[relativeDirectory.Length == 0 ? entry.Name : relativeDirectory + "/" + entry.Name] = entry;
                }
            }
        }).ConfigureAwait(false);
        return new Dictionary<string, RemoteEntry>(files, StringComparer.Ordinal);
    }

    private static bool IsHashed(string relativePath, IEnumerable<int> hashLengths)
    {
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        return hashLengths.Any(length => HashedName.TryParse(name, length, out _));
    }

    private static bool IsOldEnough(DateTimeOffset? lastModified, TimeSpan minAge, DateTimeOffset now) =>
        minAge <= TimeSpan.Zero || (lastModified is { } modified && now - modified >= minAge);

    private static string DirectoryOf(string relativePath) => relativePath.LastIndexOf('/') is var i and >= 0 ? relativePath[..i] : string.Empty;

    private static string ParentOf(string path) => path[..path.LastIndexOf('/')];

    private static string Combine(string root, string relative) => relative.Length == 0 ? root : root + "/" + relative;
}
