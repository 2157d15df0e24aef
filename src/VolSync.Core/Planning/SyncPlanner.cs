using System.Collections.Concurrent;
using VolSync.Hashing;
using VolSync.Naming;
using VolSync.Remote;

namespace VolSync.Planning;

/// <summary>
/// Decides per file whether to upload (SPEC §1, §3): up to date means a remote file in the same directory with the
/// same hashed name and a size equal to the local size. Lists only the remote directories local files map to, each
/// once and several at a time; foreign remote names are never touched.
/// </summary>
internal static class SyncPlanner
{
    public const int DefaultListParallelism = 8;

    public static async Task<SyncPlan> PlanAsync(
        IVolumeStore store,
        VolumeLocation location,
        IReadOnlyList<HashedFile> files,
        int hashLength,
        bool force,
        Action<string>? onDirectoryListed = null,
        int listParallelism = DefaultListParallelism,
        CancellationToken cancellationToken = default)
    {
        var targets = files
            .Select(f => (File: f, Directory: location.Combine(f.File.RelativeDirectory), Name: HashedName.Format(f.File.Name, f.Sha256, hashLength)))
            .ToList();

        if (force)
        {
            return new SyncPlan(targets.Select(t => new PlannedFile(t.File, Join(t.Directory, t.Name), PlannedAction.Upload)).ToList(), 0);
        }

        var directories = targets.Select(t => t.Directory).Distinct(StringComparer.Ordinal).ToList();
        var listings = new ConcurrentDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, listParallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(directories, options, async (directory, ct) =>
        {
            var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
            await foreach (var entry in store.ListDirectoryAsync(directory, ct).ConfigureAwait(false))
            {
                if (!entry.IsDirectory)
                {
                    sizes[entry.Name] = entry.FileSize;
                }
            }

            listings[directory] = sizes;
            onDirectoryListed?.Invoke(directory);
        }).ConfigureAwait(false);

        var planned = targets.Select(t =>
        {
            var upToDate = listings[t.Directory].TryGetValue(t.Name, out var remoteSize) && remoteSize == t.File.Size;
            return new PlannedFile(t.File, Join(t.Directory, t.Name), upToDate ? PlannedAction.Skip : PlannedAction.Upload);
        }).ToList();

        return new SyncPlan(planned, directories.Count);
    }

    /// <summary>The distinct remote directories <paramref name="files"/> map to.</summary>
    public static int CountDirectories(VolumeLocation location, IEnumerable<HashedFile> files) =>
        files.Select(f => location.Combine(f.File.RelativeDirectory)).Distinct(StringComparer.Ordinal).Count();

    private static string Join(string directory, string name) => directory + "/" + name;
}
