using System.Diagnostics;
using System.Globalization;

using VolSync.Diagnostics;

namespace VolSync.Cli.Rendering;

/// <summary>
/// Progress as plain lines for logs and CI: one line when a phase starts, one per uploaded or failed file
/// (skipped ones too with <c>--verbose</c>), and a throttled status line so a long upload shows it is alive.
/// Reports arrive from concurrent uploads; a lock keeps lines whole and phases in order.
/// </summary>
internal sealed class PlainProgressWriter : IProgress<SyncProgress>
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(5);

    private readonly HumanOutput _output;
    private readonly bool _verbose;
    private readonly object _gate = new();
    private readonly Stopwatch _sinceStatus = Stopwatch.StartNew();
    private SyncPhase? _phase;

    public PlainProgressWriter(HumanOutput output, bool verbose)
    {
        _output = output;
        _verbose = verbose;
    }

    public void Report(SyncProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (value.Phase != _phase)
            {
                _phase = value.Phase;
                WritePhase(value);
                _sinceStatus.Restart();
            }

            if (value.CompletedFile is { } file)
            {
                WriteFile(file, value);
            }
            else if (_sinceStatus.Elapsed >= StatusInterval && value.Phase is SyncPhase.Hashing or SyncPhase.Uploading)
            {
                _sinceStatus.Restart();
                var verb = value.Phase == SyncPhase.Hashing ? "hashed" : "uploaded";
                _output.Line(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {verb} {value.FilesDone}/{value.FilesTotal} files, {ByteSize.Format(value.BytesDone)} of {ByteSize.Format(value.BytesTotal)} ({ByteSize.FormatRate(value.BytesPerSecond)})"));
            }
        }
    }

    private void WritePhase(SyncProgress value)
    {
        var line = value.Phase switch
        {
            SyncPhase.Discovering => "Scanning local files...",
            SyncPhase.Hashing when value.FilesTotal == 0 => "Hashing: nothing to hash (no files, or every hash is cached from an earlier run).",
            SyncPhase.Hashing => string.Create(CultureInfo.InvariantCulture, $"Hashing {value.FilesTotal} files ({ByteSize.Format(value.BytesTotal)})..."),
            SyncPhase.Listing => "Listing remote folders...",
            SyncPhase.Uploading when value.FilesTotal == 0 => "Nothing to upload.",
            SyncPhase.Uploading => string.Create(CultureInfo.InvariantCulture, $"Uploading {value.FilesTotal} files ({ByteSize.Format(value.BytesTotal)})..."),
            _ => null,
        };
        if (line is not null)
        {
            _output.Line(line);
        }
    }

    private void WriteFile(SyncFileResult file, SyncProgress value)
    {
        var counter = value.FilesTotal > 0
            ? string.Create(CultureInfo.InvariantCulture, $"[{value.FilesDone}/{value.FilesTotal}] ")
            : string.Empty;
        switch (file.Outcome)
        {
            case FileOutcome.Uploaded:
                _output.Line($"  {counter}uploaded {file.RelativePath} ({ByteSize.Format(file.Size)})");
                break;
            case FileOutcome.Failed:
                _output.Line($"  {counter}failed   {file.RelativePath}: {file.ErrorCode}: {file.Error}");
                break;
            case FileOutcome.Skipped when _verbose:
                _output.Line($"  skipped  {file.RelativePath} (up to date)");
                break;
            default:
                // Would-upload files are the plan; the summary lists them once, in order.
                break;
        }
    }
}
