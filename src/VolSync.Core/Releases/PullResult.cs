namespace VolSync.Releases;

/// <summary>Where <see cref="VolumeSync.PullAsync"/> puts a release.</summary>
public sealed class PullOptions
{
    /// <summary>The local folder; created when missing. Nothing outside it is ever written.</summary>
    public required string Destination { get; init; }

    /// <summary>The release to pull; null for the latest.</summary>
    public string? ReleaseId { get; init; }

    /// <summary>Downloads in flight at once (1–64).</summary>
    public int MaxConcurrentDownloads { get; init; } = 5;
}

public enum PullOutcome
{
    Downloaded,

    /// <summary>Already present locally with the right SHA-256.</summary>
    Skipped,

    Failed,
}

/// <summary>What happened to one file of a pulled release.</summary>
/// <param name="Path">The file's relative path in the release.</param>
/// <param name="LocalPath">Where it is (or would be) written.</param>
/// <param name="RemotePath">Absolute remote path.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">Recorded SHA-256, checked while downloading.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Error">Why it failed (coded message), else null.</param>
/// <param name="ErrorCode">The <c>VOLSYNC####</c> code of <paramref name="Error"/>.</param>
public sealed record PullFileResult(string Path, string LocalPath, string RemotePath, long Size, string Sha256, PullOutcome Outcome, string? Error = null, string? ErrorCode = null);

/// <summary>The outcome of pulling one release. Partial success is a result: failed files are listed while the rest are written.</summary>
public sealed class PullResult
{
    public required string RemoteRoot { get; init; }

    public required string ReleaseId { get; init; }

    /// <summary>The full path of the destination folder.</summary>
    public required string Destination { get; init; }

    /// <summary>Every file of the release, in path order.</summary>
    public required IReadOnlyList<PullFileResult> Files { get; init; }

    public required TimeSpan Duration { get; init; }

    public int DownloadedCount => Files.Count(f => f.Outcome == PullOutcome.Downloaded);

    public int SkippedCount => Files.Count(f => f.Outcome == PullOutcome.Skipped);

    public int FailedCount => Files.Count(f => f.Outcome == PullOutcome.Failed);

    public long BytesDownloaded => Files.Where(f => f.Outcome == PullOutcome.Downloaded).Sum(f => f.Size);

    public bool Succeeded => FailedCount == 0;
}
