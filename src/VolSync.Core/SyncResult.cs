using VolSync.Naming;

namespace VolSync;

/// <summary>
/// The outcome of one sync. Partial success is a result, not an exception: failed files are listed in
/// <see cref="Files"/> with their error while the rest succeed.
/// </summary>
public sealed class SyncResult
{
    /// <summary>The remote root the run targeted, e.g. <c>/Volumes/main/default/apps/releases/1.2.0</c>.</summary>
    public required string RemoteRoot { get; init; }

    public required bool DryRun { get; init; }

    /// <summary>Every selected file, in relative-path order.</summary>
    public required IReadOnlyList<SyncFileResult> Files { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>How the files were named (SPEC §9).</summary>
    public NamingMode Naming { get; init; }

    /// <summary>
    /// The release the remote root holds after this run (SPEC §8): the one this run wrote, or the unchanged current
    /// one when the file set did not change (and for a dry run); null when there is none, or when the run failed.
    /// </summary>
    public string? ReleaseId { get; init; }

    /// <summary>The absolute remote path of the release's manifest, <c>&lt;root&gt;/.volsync/releases/&lt;id&gt;.json</c>.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>True when this run wrote a new release (and <c>latest.json</c>).</summary>
    public bool ReleaseCreated { get; init; }

    /// <summary>Why no release could be recorded although every file synced (coded message), else null.</summary>
    public string? ReleaseError { get; init; }

    /// <summary>The <c>VOLSYNC####</c> code of <see cref="ReleaseError"/>.</summary>
    public string? ReleaseErrorCode { get; init; }

    /// <summary>The release failure as a diagnostic, for hosts to render; null when there is none.</summary>
    public Diagnostics.Diagnostic? ReleaseDiagnostic =>
        ReleaseError is null ? null : new(ReleaseErrorCode ?? Diagnostics.DiagnosticCodes.ManifestNotWritten.Code, Diagnostics.DiagnosticSeverity.Error, ReleaseError);

    /// <summary>Files uploaded in this run.</summary>
    public int SuccessCount => Files.Count(f => f.Outcome == FileOutcome.Uploaded);

    /// <summary>Files already up to date remotely.</summary>
    public int SkipCount => Files.Count(f => f.Outcome == FileOutcome.Skipped);

    public int FailureCount => Files.Count(f => f.Outcome == FileOutcome.Failed);

    /// <summary>Files a dry run would upload.</summary>
    public int WouldUploadCount => Files.Count(f => f.Outcome == FileOutcome.WouldUpload);

    public long TotalBytesUploaded => Files.Where(f => f.Outcome == FileOutcome.Uploaded).Sum(f => f.Size);

    /// <summary>True when no file failed and, for a run that wrote, the release was recorded.</summary>
    public bool Succeeded => FailureCount == 0 && ReleaseError is null;
}

public enum FileOutcome
{
    Uploaded,
    Skipped,
    Failed,
    /// <summary>Dry run: the file would have been uploaded.</summary>
    WouldUpload,
}

/// <summary>What happened to one local file.</summary>
/// <param name="LocalPath">Full local path.</param>
/// <param name="RelativePath">Path under the local root with <c>/</c> separators.</param>
/// <param name="RemotePath">Absolute remote path with the hashed name; empty when the file failed before it was hashed.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the whole file; empty when it could not be read.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Error">Why it failed and what to do (without its code), else null.</param>
/// <param name="ErrorCode">The <c>VOLSYNC####</c> code of <paramref name="Error"/>.</param>
public sealed record SyncFileResult(
    string LocalPath,
    string RelativePath,
    string RemotePath,
    long Size,
    string Sha256,
    FileOutcome Outcome,
    string? Error = null,
    string? ErrorCode = null)
{
    /// <summary>The failure as a diagnostic about <see cref="LocalPath"/>, for hosts to render; null unless the file failed.</summary>
    public Diagnostics.Diagnostic? Diagnostic =>
        Outcome == FileOutcome.Failed
            ? new(ErrorCode ?? Diagnostics.DiagnosticCodes.UploadFailedUnexpectedly.Code, Diagnostics.DiagnosticSeverity.Error, Error ?? string.Empty, LocalPath)
            : null;
}
