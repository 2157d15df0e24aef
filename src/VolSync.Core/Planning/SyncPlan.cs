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
/// <param name="RemoteDirectory">Absolute remote directory; one string shared by every file in it.</param>
/// <param name="Naming">What the file is called there (one instance shared by the whole plan).</param>
/// <param name="Action">Upload or skip.</param>
internal sealed record PlannedFile(HashedFile Source, string RemoteDirectory, RemoteNaming Naming, PlannedAction Action)
{
    /// <summary>Set in place by the planner: a copy per skipped file would leave 200 000 dead ones behind.</summary>
    public PlannedAction Action { get; set; } = Action;

    /// <summary>The remote name in <see cref="RemoteDirectory"/>; built when asked for, as a plan of 200 000 files holds one per file.</summary>
    public string RemoteName => Naming.NameOf(Source);

    /// <summary>Absolute remote path with the hashed name.</summary>
    public string RemotePath => RemoteDirectory + "/" + RemoteName;
}

/// <summary>
/// The plan for every hashed file, in the order the files were given, and the files that cannot be placed at all
/// (<see cref="Failures"/>, e.g. a file and a folder that map to one remote path).
/// </summary>
internal sealed record SyncPlan(IReadOnlyList<PlannedFile> Files, int DirectoriesListed, IReadOnlyList<SyncFileResult> Failures)
{
    public IReadOnlyList<PlannedFile> Uploads => Files.Where(f => f.Action == PlannedAction.Upload).ToList();

    public IReadOnlyList<PlannedFile> Skips => Files.Where(f => f.Action == PlannedAction.Skip).ToList();
}
