using Microsoft.Build.Framework;
using VolSync.Diagnostics;

namespace VolSync.Build.Logging;

/// <summary>
/// A progress line every few seconds while a sync hashes, lists or uploads
/// (<c>VolSync: uploading 12/40 files, 35 MiB of 120 MiB, 4.1 files/s, 8.1 MiB/s, 11 s left</c>), at high importance
/// so the console logger shows it at its default (minimal) verbosity: CI logs of a long sync are not silent. The
/// terminal logger keeps high-importance messages for <c>-v:d</c>; its live area shows the running target,
/// <c>VolSyncPublish</c>, with a clock (MSBuild has no progress API for tasks yet: dotnet/msbuild#6944).
/// Cadence: <see cref="PeriodicProgress"/>. Also one normal-importance line per finished file (uploaded, up to date,
/// would upload; failures are the task's errors). Reports arrive synchronously on the engine's threads (unlike
/// <see cref="Progress{T}"/>, which would post them to the thread pool, possibly after the task returned).
/// </summary>
internal sealed class MSBuildProgressReporter : IProgress<SyncProgress>, IDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    private readonly MSBuildSyncLogger _logger;
    private readonly PeriodicProgress _cadence;

    public MSBuildProgressReporter(MSBuildSyncLogger logger, TimeSpan? interval = null)
    {
        _logger = logger;
        _cadence = new PeriodicProgress(interval ?? DefaultInterval, Write, (value, _) =>
        {
            if (value.CompletedFile is { } file)
            {
                WriteFile(file);
            }
        });
    }

    public void Report(SyncProgress value) => _cadence.Report(value);

    public void Dispose() => _cadence.Dispose();

    private void Write(SyncProgress value)
    {
        if (value.Phase == SyncPhase.Listing)
        {
            _logger.Write(log => log.LogMessageFromResources(MessageImportance.High, "PhaseListing", value.FilesDone, value.FilesTotal, ProgressText.TimeLeft(value.Remaining)));
            return;
        }

        _logger.Write(log => log.LogMessageFromResources(
            MessageImportance.High,
            value.Phase == SyncPhase.Uploading ? "Progress" : "PhaseHashing",
            ProgressText.Files(value.FilesDone, value.FilesTotal),
            ByteSize.Format(value.BytesDone),
            ByteSize.Format(value.BytesTotal),
            ProgressText.FilesPerSecond(value.FilesPerSecond),
            ByteSize.FormatRate(value.BytesPerSecond),
            ProgressText.TimeLeft(value.Remaining)));
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
            // Names may hold control characters: the line is escaped so it stays one line.
            _logger.Write(log => log.LogMessage(MessageImportance.Normal, DisplayText.Escape(log.FormatResourceString(resource, args))));
        }
    }
}
