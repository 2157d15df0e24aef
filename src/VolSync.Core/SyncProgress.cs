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
/// so a host can print per-file lines from the same stream that drives a progress bar. Rates are over the
/// current phase (<see cref="PhaseElapsed"/>), so every host shows the same figures.
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
    SyncFileResult? CompletedFile = null,
    double FilesPerSecond = 0,
    TimeSpan PhaseElapsed = default)
{
    /// <summary>
    /// Time left in this phase at the current rate: by bytes when the phase moves bytes, else by files; null while
    /// there is no rate to go by yet (the first moments of a phase), so hosts show "-" rather than a wild guess.
    /// </summary>
    public TimeSpan? Remaining
    {
        get
        {
            if (BytesTotal > 0 && BytesPerSecond > 0)
            {
                return TimeSpan.FromSeconds(Math.Max(0, BytesTotal - BytesDone) / BytesPerSecond);
            }

            if (BytesTotal <= 0 && FilesTotal > 0 && FilesPerSecond > 0)
            {
                return TimeSpan.FromSeconds(Math.Max(0, FilesTotal - FilesDone) / FilesPerSecond);
            }

            return null;
        }
    }
}
