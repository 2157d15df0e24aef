using System.Collections.Concurrent;
using VolSync.Hashing;
using VolSync.Remote;

namespace VolSync.Planning;

/// <summary>
/// Decides per file whether to upload (SPEC §1, §3, §9): the naming mode says what the remote file is called and
/// when it is up to date (hashed: same hashed name and size). Lists only the remote directories local files map
/// to, each once and several at a time; foreign remote names are never touched.
/// </summary>
internal static class SyncPlanner
{
    public const int DefaultListParallelism = 8;

    public static Task<SyncPlan> PlanAsync(
        IVolumeStore store,
        VolumeLocation location,
        IReadOnlyList<HashedFile> files,
        int hashLength,
        bool force,
        Action<string>? onDirectoryListed = null,
        int listParallelism = DefaultListParallelism,
        CancellationToken cancellationToken = default) =>
        PlanAsync(store, location, files, RemoteNaming.Hashed(hashLength), force, onDirectoryListed, listParallelism, cancellationToken);

    public static async Task<SyncPlan> PlanAsync(
        IVolumeStore store,
        VolumeLocation location,
        IReadOnlyList<HashedFile> files,
        RemoteNaming naming,
        bool force,
        Action<string>? onDirectoryListed = null,
        int listParallelism = DefaultListParallelism,
        CancellationToken cancellationToken = default)
    {
        var targets = files
            .Select(f => (File: f, Directory: location.Combine(f.File.RelativeDirectory), Name: naming.NameOf(f)))
            .ToList();

        if (force)
        {
            return new SyncPlan(targets.Select(t => new PlannedFile(t.File, Join(t.Directory, t.Name), PlannedAction.Upload)).ToList(), 0);
        }

        var directories = targets.Select(t => t.Directory).Distinct(StringComparer.Ordinal).ToList();
        var listings = new ConcurrentDictionary<string, Dictionary<string, RemoteEntry>>(StringComparer.Ordinal);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, listParallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(directories, options, async (directory, ct) =>
        {
            var entries = new Dictionary<string, RemoteEntry>(StringComparer.Ordinal);
            await foreach (var entry in store.ListDirectoryAsync(directory, ct).ConfigureAwait(false))
            {
                if (!entry.IsDirectory)
                {
                    entries[entry.Name] = entry;
                }
            }

            listings[directory] = entries;
            onDirectoryListed?.Invoke(directory);
        }).ConfigureAwait(false);

        var planned = targets.Select(t =>
        {
            var upToDate = listings[t.Directory].TryGetValue(t.Name, out var remote) && naming.IsUpToDate(t.File, remote);
            return new PlannedFile(t.File, Join(t.Directory, t.Name), upToDate ? PlannedAction.Skip : PlannedAction.Upload);
        }).ToList();

        return new SyncPlan(planned, directories.Count);
    }

    /// <summary>The distinct remote directories <paramref name="files"/> map to.</summary>
    public static int CountDirectories(VolumeLocation location, IEnumerable<HashedFile> files) =>
        files.Select(f => location.Combine(f.File.RelativeDirectory)).Distinct(StringComparer.Ordinal).Count();

    private static string Join(string directory, string name) => directory + "/" + name;
}
