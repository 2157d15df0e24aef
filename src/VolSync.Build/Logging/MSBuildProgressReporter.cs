using System.Diagnostics;
using Microsoft.Build.Framework;

namespace VolSync.Build.Logging;

/// <summary>
/// Renders the engine's progress stream as build output: one normal-importance line per uploaded file (low for
/// files already up to date), and on long syncs a periodic progress line. Reports arrive synchronously on the
/// engine's threads (unlike <see cref="Progress{T}"/>, which would post them after the task may have returned).
/// </summary>
internal sealed class MSBuildProgressReporter : IProgress<SyncProgress>
{
    private readonly MSBuildSyncLogger _logger;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
    private readonly object _gate = new();
    private readonly HashSet<string> _reportedFiles = new(StringComparer.Ordinal);

    public MSBuildProgressReporter(MSBuildSyncLogger logger, TimeSpan? interval = null)
    {
        _logger = logger;
        _interval = interval ?? TimeSpan.FromSeconds(5);
    }

    public void Report(SyncProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.CompletedFile is { } file)
        {
            ReportFile(file);
        }

        if (value.Phase is not (SyncPhase.Uploading or SyncPhase.Hashing))
        {
            return;
        }

        lock (_gate)
        {
            if (_sinceLastLine.Elapsed < _interval)
            {
                return;
            }

            _sinceLastLine.Restart();
        }

        var resource = value.Phase == SyncPhase.Uploading ? "Progress" : "PhaseHashing";
        _logger.Write(log => log.LogMessageFromResources(
            MessageImportance.Normal,
            resource,
            value.FilesDone,
            value.FilesTotal,
            ByteSize.Format(value.BytesDone),
            ByteSize.Format(value.BytesTotal),
            ByteSize.Format(value.BytesPerSecond)));
    }

    /// <summary>Prints the per-file lines for files the engine finished without a progress report of their own.</summary>
    public void ReportRemaining(SyncResult result)
    {
        foreach (var file in result.Files)
        {
            ReportFile(file);
        }
    }

    private void ReportFile(SyncFileResult file)
    {
        lock (_gate)
        {
            if (!_reportedFiles.Add(file.LocalPath))
            {
                return;
            }
        }

        switch (file.Outcome)
        {
            case FileOutcome.Uploaded:
                _logger.Write(log => log.LogMessageFromResources(MessageImportance.Normal, "FileUploaded", file.RelativePath, file.RemotePath, ByteSize.Format(file.Size)));
                break;
            case FileOutcome.WouldUpload:
                _logger.Write(log => log.LogMessageFromResources(MessageImportance.Normal, "FileWouldUpload", file.RelativePath, file.RemotePath, ByteSize.Format(file.Size)));
                break;
            case FileOutcome.Skipped:
                _logger.Write(log => log.LogMessageFromResources(MessageImportance.Low, "FileSkipped", file.RelativePath, file.RemotePath));
                break;
            default:
                // Failures are reported once, from the result, with their code.
                break;
        }
    }
}
