using VolSync.Hashing;

namespace VolSync.Planning;

internal enum PlannedAction
{
    /// <summary>The remote has no copy with this hash and size.</summary>
    Upload,

    /// <summary>The remote copy is up to date.</summary>
    Skip,
}

/// <summary>What to do with one hashed file, and where it goes.</summary>
/// <param name="Source">The file and its hash snapshot.</param>
/// <param name="RemotePath">Absolute remote path with the hashed name.</param>
/// <param name="Action">Upload or skip.</param>
internal sealed record PlannedFile(HashedFile Source, string RemotePath, PlannedAction Action);

/// <summary>The plan for every hashed file, in the order the files were given.</summary>
internal sealed record SyncPlan(IReadOnlyList<PlannedFile> Files, int DirectoriesListed)
{
    public IReadOnlyList<PlannedFile> Uploads => Files.Where(f => f.Action == PlannedAction.Upload).ToList();

    public IReadOnlyList<PlannedFile> Skips => Files.Where(f => f.Action == PlannedAction.Skip).ToList();
}
