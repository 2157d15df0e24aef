namespace VolSync;

public enum SyncPhase
{
    Discovering,
    Hashing,
    Listing,
    Planning,
    Uploading,
    Completed,
}

/// <summary>
/// A snapshot of a running sync, reported through <see cref="IProgress{T}"/>. Counters are for the current
/// <see cref="Phase"/>: during Hashing they count hashed files and bytes read, during Uploading files finished
/// (uploaded or failed) and bytes sent. <see cref="CompletedFile"/> is set on the report that finishes one file,
/// so a host can print per-file lines from the same stream that drives a progress bar.
/// </summary>
public sealed record SyncProgress(
    SyncPhase Phase,
    int FilesDone,
    int FilesTotal,
    long BytesDone,
    long BytesTotal,
    string? CurrentFile,
    double BytesPerSecond,
    TimeSpan Elapsed,
    SyncFileResult? CompletedFile = null);
