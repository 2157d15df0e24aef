using VolSync.Naming;

namespace VolSync.Releases;

public enum VerifyOutcome
{
    /// <summary>Present with the recorded size and SHA-256.</summary>
    Ok,

    Missing,

    /// <summary>Present, but its size or SHA-256 is not the recorded one.</summary>
    Different,

    /// <summary>Could not be read (a remote error other than "not there").</summary>
    Failed,
}

/// <summary>What verify found for one file of a release.</summary>
/// <param name="Path">The file's relative path in the release.</param>
/// <param name="RemotePath">Absolute remote path.</param>
/// <param name="Size">Recorded bytes.</param>
/// <param name="Sha256">Recorded SHA-256.</param>
/// <param name="Outcome">What was found.</param>
/// <param name="ActualSize">Bytes read from the volume, when it was read.</param>
/// <param name="ActualSha256">SHA-256 of what was read, when it was read.</param>
/// <param name="Error">Coded message for every outcome but <see cref="VerifyOutcome.Ok"/>.</param>
/// <param name="ErrorCode">The <c>VOLSYNC####</c> code of <paramref name="Error"/>.</param>
public sealed record VerifyFileResult(
    string Path,
    string RemotePath,
    long Size,
    string Sha256,
    VerifyOutcome Outcome,
    long? ActualSize = null,
    string? ActualSha256 = null,
    string? Error = null,
    string? ErrorCode = null);

/// <summary>The outcome of verifying one release: every file, each checked.</summary>
public sealed class VerifyResult
{
    public required string RemoteRoot { get; init; }

    public required string ReleaseId { get; init; }

    public required NamingMode Naming { get; init; }

    /// <summary>Every file of the release, in path order.</summary>
    public required IReadOnlyList<VerifyFileResult> Files { get; init; }

    public required TimeSpan Duration { get; init; }

    public int OkCount => Files.Count(f => f.Outcome == VerifyOutcome.Ok);

    public int MissingCount => Files.Count(f => f.Outcome == VerifyOutcome.Missing);

    public int DifferentCount => Files.Count(f => f.Outcome == VerifyOutcome.Different);

    public int FailedCount => Files.Count(f => f.Outcome == VerifyOutcome.Failed);

    public long BytesRead => Files.Sum(f => f.ActualSize ?? 0);

    /// <summary>True when every file is there with its recorded size and SHA-256.</summary>
    public bool Succeeded => Files.All(f => f.Outcome == VerifyOutcome.Ok);
}
