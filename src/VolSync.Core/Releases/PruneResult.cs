namespace VolSync.Releases;

public enum PruneOutcome
{
    Deleted,

    /// <summary>Dry run: it would have been deleted.</summary>
    WouldDelete,

    /// <summary>Planned, but kept: its release's manifest could not be deleted, or a release written meanwhile uses it.</summary>
    Kept,

    Failed,
}

/// <summary>What happened to one release manifest, file or folder.</summary>
/// <param name="RemotePath">Absolute remote path.</param>
/// <param name="Size">Bytes (0 for folders).</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">For files: why it was a candidate.</param>
/// <param name="Error">Why it failed or was kept (coded message for failures), else null.</param>
/// <param name="ErrorCode">The <c>VOLSYNC####</c> code of a failure.</param>
public sealed record PruneEntry(string RemotePath, long Size, PruneOutcome Outcome, PruneReason? Reason = null, string? Error = null, string? ErrorCode = null);

/// <summary>
/// The outcome of one prune. Partial success is a result: one failed delete never stops the others, and each
/// failure is listed with its error.
/// </summary>
public sealed class PruneResult
{
    public required PrunePlan Plan { get; init; }

    public required bool DryRun { get; init; }

    /// <summary>The manifests of the releases not kept.</summary>
    public required IReadOnlyList<PruneEntry> Releases { get; init; }

    /// <summary>The planned files, in path order.</summary>
    public required IReadOnlyList<PruneEntry> Files { get; init; }

    /// <summary>Folders left empty and removed (or that would be).</summary>
    public required IReadOnlyList<PruneEntry> Directories { get; init; }

    public required TimeSpan Duration { get; init; }

    public int DeletedFileCount => Files.Count(f => f.Outcome is PruneOutcome.Deleted);

    public int FailedCount => Releases.Concat(Files).Concat(Directories).Count(e => e.Outcome == PruneOutcome.Failed);

    public long BytesFreed => Files.Where(f => f.Outcome == PruneOutcome.Deleted).Sum(f => f.Size);

    public bool Succeeded => FailedCount == 0;
}
