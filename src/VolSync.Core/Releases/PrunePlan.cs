namespace VolSync.Releases;

/// <summary>Why prune deletes a file.</summary>
public enum PruneReason
{
    /// <summary>A deleted release referenced it and no kept release does.</summary>
    Release,

    /// <summary>It has a VolSync hashed name but no release references it (<c>--unreferenced</c>).</summary>
    Unreferenced,
}

/// <summary>A remote file prune would delete, or spares because it is younger than the minimum age.</summary>
/// <param name="RemotePath">Absolute remote path.</param>
/// <param name="RelativePath">Path under the remote root.</param>
/// <param name="Size">Bytes.</param>
/// <param name="LastModified">The server's modification time, when listed.</param>
/// <param name="Reason">Why it is a candidate.</param>
public sealed record PruneCandidate(string RemotePath, string RelativePath, long Size, DateTimeOffset? LastModified, PruneReason Reason);

/// <summary>
/// What prune will do, decided before anything is deleted (SPEC §8), so a host can show it first: which releases are
/// kept and deleted, which files go, and which are spared by the minimum age. Files whose names VolSync did not make
/// are never in it.
/// </summary>
public sealed class PrunePlan
{
    internal PrunePlan(
        string remoteRoot,
        PruneOptions options,
        string? latestId,
        IReadOnlyList<ReleaseSummary> kept,
        IReadOnlyList<ReleaseSummary> deleted,
        IReadOnlyList<PruneCandidate> files,
        IReadOnlyList<PruneCandidate> tooNew,
        IReadOnlyDictionary<string, IReadOnlySet<string>> referencesByRelease)
    {
        RemoteRoot = remoteRoot;
        Options = options;
        LatestId = latestId;
        KeptReleases = kept;
        DeletedReleases = deleted;
        Files = files;
        TooNew = tooNew;
        ReferencesByRelease = referencesByRelease;
    }

    public string RemoteRoot { get; }

    public PruneOptions Options { get; }

    /// <summary>The release <c>latest.json</c> names; null when the root has no release (then nothing is pruned).</summary>
    public string? LatestId { get; }

    /// <summary>Releases kept, newest first: the <see cref="PruneOptions.Keep"/> newest, and always the latest.</summary>
    public IReadOnlyList<ReleaseSummary> KeptReleases { get; }

    /// <summary>Releases whose manifests are deleted, newest first.</summary>
    public IReadOnlyList<ReleaseSummary> DeletedReleases { get; }

    /// <summary>Files to delete, in path order.</summary>
    public IReadOnlyList<PruneCandidate> Files { get; }

    /// <summary>Files that would qualify but are younger than <see cref="PruneOptions.MinAge"/>: they stay.</summary>
    public IReadOnlyList<PruneCandidate> TooNew { get; }

    /// <summary>Bytes the planned deletes free.</summary>
    public long BytesToFree => Files.Sum(f => f.Size);

    /// <summary>Relative remote paths each deleted release references (to spare them when its manifest cannot be deleted).</summary>
    internal IReadOnlyDictionary<string, IReadOnlySet<string>> ReferencesByRelease { get; }
}
