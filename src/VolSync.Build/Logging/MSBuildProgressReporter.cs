using System.Diagnostics;
using Microsoft.Build.Framework;
using VolSync.Diagnostics;

namespace VolSync.Build.Logging;

/// <summary>
/// Renders the engine's progress stream as a periodic normal-importance line on long syncs
/// (<c>VolSync: uploading 12/40 files, 35 MiB/120 MiB, 8.1 MiB/s</c>), and one normal-importance line per
/// finished file (uploaded, up to date, would upload; failures are the task's errors). Reports arrive synchronously on the engine's threads (unlike <see cref="Progress{T}"/>, which would
/// post them to the thread pool, possibly after the task returned).
/// </summary>
internal sealed class MSBuildProgressReporter : IProgress<SyncProgress>
{
    private readonly MSBuildSyncLogger _logger;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
    private readonly object _gate = new();

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
            WriteFile(file);
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
            ByteSize.FormatRate(value.BytesPerSecond)));
    }

    private void WriteFile(SyncFileResult file)
    {
        var (resource, args) = file.Outcome switch
        {
            FileOutcome.Uploaded => ("FileUploaded", new object[] { file.RelativePath, file.RemotePath, ByteSize.Format(file.Size) }),
            FileOutcome.Skipped => ("FileUpToDate", new object[] { file.RelativePath, file.RemotePath }),
            FileOutcome.WouldUpload => ("FileWouldUpload", new object[] { file.RelativePath, file.RemotePath, ByteSize.Format(file.Size) }),
            _ => (null, []),
        };
        if (resource is not null)
        {
            _logger.Write(log => log.LogMessageFromResources(MessageImportance.Normal, resource, args));
        }
    }
}
