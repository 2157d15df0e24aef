using VolSync.Diagnostics;
using VolSync.Hashing;
using VolSync.Remote;

namespace VolSync.Planning;

/// <summary>
/// Decides per file whether to upload (SPEC §1, §3, §9): the naming mode says what the remote file is called and
/// when it is up to date (hashed: same hashed name and size). Lists only the remote directories local files map
/// to, each once and several at a time; foreign remote names are never touched. Files that cannot be placed (a file
/// whose hashed name is also the name of a local folder) fail here, before anything is uploaded.
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
        // One remote directory string per local directory, shared by its files.
        var directories = new Dictionary<string, string>(StringComparer.Ordinal);
        var targets = new List<PlannedFile>(files.Count);
        foreach (var file in files)
        {
            var relativeDirectory = file.File.RelativeDirectory;
            if (!directories.TryGetValue(relativeDirectory, out var directory))
            {
                directories[relativeDirectory] = directory = location.Combine(relativeDirectory);
            }

            targets.Add(new PlannedFile(file, directory, naming, PlannedAction.Upload));
        }

        var failures = Collisions(location, targets, directories.Values);
        if (failures.Count > 0)
        {
            var failed = failures.Select(f => f.LocalPath).ToHashSet(StringComparer.Ordinal);
            targets.RemoveAll(t => failed.Contains(t.Source.File.FullPath));
        }

        if (force)
        {
            return new SyncPlan(targets, 0, failures);
        }

        // The files of each directory; remote entries are matched against their names as they stream in, and a
        // directory's names live only while it is listed (a plan of 200 000 files need not hold them all).
        var byDirectory = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Count; i++)
        {
            if (!byDirectory.TryGetValue(targets[i].RemoteDirectory, out var indices))
            {
                byDirectory[targets[i].RemoteDirectory] = indices = [];
            }

            indices.Add(i);
        }

        // Each index belongs to one directory, so the parallel listings never write the same slot.
        var upToDate = new bool[targets.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, listParallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(byDirectory, options, async (directory, ct) =>
        {
            var names = new Dictionary<string, int>(directory.Value.Count, StringComparer.Ordinal);
            foreach (var index in directory.Value)
            {
                names.TryAdd(targets[index].RemoteName, index);
            }

            await foreach (var entry in store.ListDirectoryAsync(directory.Key, ct).ConfigureAwait(false))
            {
                if (!entry.IsDirectory && names.TryGetValue(entry.Name, out var index) && naming.IsUpToDate(targets[index].Source, entry))
                {
                    upToDate[index] = true;
                }
            }

            onDirectoryListed?.Invoke(directory.Key);
        }).ConfigureAwait(false);

        for (var i = 0; i < targets.Count; i++)
        {
            if (upToDate[i])
            {
                targets[i].Action = PlannedAction.Skip;
            }
        }

        return new SyncPlan(targets, byDirectory.Count, failures);
    }

    /// <summary>The distinct remote directories <paramref name="files"/> map to.</summary>
    public static int CountDirectories(VolumeLocation location, IEnumerable<HashedFile> files) =>
        files.Select(f => location.Combine(f.File.RelativeDirectory)).Distinct(StringComparer.Ordinal).Count();

    /// <summary>
    /// A local file whose remote path is also the remote path of a local folder (file <c>d</c> → <c>d_&lt;h&gt;</c>
    /// beside a folder named <c>d_&lt;h&gt;</c>): a volume holds a file or a folder at a path, never both. The file
    /// and every file below that folder fail.
    /// </summary>
    private static List<SyncFileResult> Collisions(VolumeLocation location, List<PlannedFile> targets, IEnumerable<string> remoteDirectories)
    {
        var root = location.RemoteRoot;
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in remoteDirectories)
        {
            // The directory and each of its parents below the remote root.
            for (var d = directory; d.Length > root.Length && folders.Add(d); d = d[..d.LastIndexOf('/')])
            {
            }
        }

        var failures = new List<SyncFileResult>();
        if (folders.Count == 0)
        {
            return failures;
        }

        foreach (var file in targets)
        {
            var path = file.RemotePath;
            if (!folders.Contains(path))
            {
                continue;
            }

            var folder = path[(root.Length + 1)..];
            failures.Add(Failed(file, folder, path));
            foreach (var inside in targets.Where(t => t.RemoteDirectory == path || t.RemoteDirectory.StartsWith(path + "/", StringComparison.Ordinal)))
            {
                failures.Add(Failed(inside, file.Source.File.RelativePath, path));
            }
        }

        return failures;
    }

    private static SyncFileResult Failed(PlannedFile file, string other, string remotePath) =>
        new(file.Source.File.FullPath, file.Source.File.RelativePath, file.RemotePath, file.Source.Size, file.Source.Sha256, FileOutcome.Failed,
            DiagnosticCodes.RemotePathCollision.Format(file.Source.File.RelativePath, other, remotePath), DiagnosticCodes.RemotePathCollision.Code);
}
