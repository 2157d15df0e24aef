using System.Diagnostics;

namespace VolSync.Releases;

/// <summary>
/// A snapshot of a running verify, pull or prune. <see cref="CompletedPath"/> is set on the report that finishes one
/// file (with its outcome as <see cref="CompletedOutcome"/>), so a host can print per-file lines from the same stream
/// that drives a progress bar.
/// </summary>
public sealed record ReleaseProgress(
    string Operation,
    int FilesDone,
    int FilesTotal,
    long BytesDone,
    long BytesTotal,
    TimeSpan Elapsed,
    string? CompletedPath = null,
    string? CompletedOutcome = null);

/// <summary>Thread-safe counters behind <see cref="ReleaseProgress"/>: completions always report, bytes at most ten times a second.</summary>
internal sealed class ReleaseProgressReporter
{
    private static readonly long ThrottleTicks = Stopwatch.Frequency / 10;

    private readonly IProgress<ReleaseProgress>? _progress;
    private readonly string _operation;
    private readonly int _filesTotal;
    private readonly long _bytesTotal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private int _filesDone;
    private long _bytesDone;
    private long _lastReport;

    public ReleaseProgressReporter(IProgress<ReleaseProgress>? progress, string operation, int filesTotal, long bytesTotal)
    {
        _progress = progress;
        _operation = operation;
        _filesTotal = filesTotal;
        _bytesTotal = bytesTotal;
        Report(null, null);
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public void AddBytes(long bytes)
    {
        lock (_gate)
        {
            _bytesDone += bytes;
            var now = Stopwatch.GetTimestamp();
            if (now - _lastReport < ThrottleTicks)
            {
                return;
            }

            _lastReport = now;
            Report(null, null);
        }
    }

    public void FileDone(string path, string outcome)
    {
        lock (_gate)
        {
            _filesDone++;
            Report(path, outcome);
        }
    }

    private void Report(string? path, string? outcome) =>
        _progress?.Report(new ReleaseProgress(_operation, _filesDone, _filesTotal, _bytesDone, _bytesTotal, _clock.Elapsed, path, outcome));
}
