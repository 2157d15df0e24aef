using System.Globalization;
using VolSync.Diagnostics;

namespace VolSync.Cli.Rendering;

/// <summary>
/// Progress as plain lines for logs and CI: one line when a phase starts, then a status line every 5 s while it
/// runs (files, bytes, files/s, bytes/s, time left; cadence from <see cref="PeriodicProgress"/>). Per-file lines
/// only with <c>--verbose</c>: 2000 files make a handful of lines, not 2000.
/// </summary>
internal sealed class PlainProgressWriter : IProgress<SyncProgress>, IDisposable
{
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(5);

    private readonly HumanOutput _output;
    private readonly bool _verbose;
    private readonly PeriodicProgress _cadence;

    public PlainProgressWriter(HumanOutput output, bool verbose)
    {
        _output = output;
        _verbose = verbose;
        _cadence = new PeriodicProgress(StatusInterval, value => _output.Line(StatusLine(value)), OnReport);
    }

    public void Report(SyncProgress value) => _cadence.Report(value);

    /// <summary>Stops the status lines; call before the summary is written.</summary>
    public void Dispose() => _cadence.Dispose();

    /// <summary>The status line of a running phase, e.g. <c>uploading 12/40 files, 35 MiB of 120 MiB, 4.1 files/s, 8.1 MiB/s, 11 s left</c>.</summary>
    public static string StatusLine(SyncProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Phase == SyncPhase.Listing)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"  listing {value.FilesDone}/{value.FilesTotal} {(value.FilesTotal == 1 ? "folder" : "folders")}, {ProgressText.TimeLeft(value.Remaining)} left");
        }

        var verb = value.Phase == SyncPhase.Hashing ? "hashing" : "uploading";
        return $"  {verb} {ProgressText.Files(value.FilesDone, value.FilesTotal)}, {ByteSize.Format(value.BytesDone)} of {ByteSize.Format(value.BytesTotal)}, "
            + $"{ProgressText.FilesPerSecond(value.FilesPerSecond)}, {ByteSize.FormatRate(value.BytesPerSecond)}, {ProgressText.TimeLeft(value.Remaining)} left";
    }

    private void OnReport(SyncProgress value, bool newPhase)
    {
        if (newPhase)
        {
            WritePhase(value);
        }

        if (_verbose && value.CompletedFile is { } file)
        {
            WriteFile(file);
        }
    }

    private void WritePhase(SyncProgress value)
    {
        var line = value.Phase switch
        {
            SyncPhase.Discovering => "Scanning local files...",
            SyncPhase.Hashing when value.FilesTotal == 0 => "Hashing: nothing to hash (no files, or every hash is cached from an earlier run).",
            SyncPhase.Hashing => $"Hashing {ProgressText.Files(value.FilesTotal)} ({ByteSize.Format(value.BytesTotal)})...",
            SyncPhase.Listing when value.FilesTotal == 0 => null,
            SyncPhase.Listing => $"Listing {ProgressText.Count(value.FilesTotal, "remote folder", "remote folders")}...",
            SyncPhase.Uploading when value.FilesTotal == 0 => "Nothing to upload.",
            SyncPhase.Uploading => $"Uploading {ProgressText.Files(value.FilesTotal)} ({ByteSize.Format(value.BytesTotal)})...",
            _ => null,
        };
        if (line is not null)
        {
            _output.Line(line);
        }
    }

    private void WriteFile(SyncFileResult file)
    {
        switch (file.Outcome)
        {
            case FileOutcome.Uploaded:
                _output.Line($"  uploaded {file.RelativePath} ({ByteSize.Format(file.Size)})");
                break;
            case FileOutcome.Failed:
                _output.Line($"  failed   {file.RelativePath}: {file.ErrorCode}: {file.Error}");
                break;
            case FileOutcome.Skipped:
                _output.Line($"  skipped  {file.RelativePath} (up to date)");
                break;
            default:
                // Would-upload files are the plan; the summary lists them once, in order.
                break;
        }
    }
}
