using System.Diagnostics;

namespace VolSync;

/// <summary>
/// Turns engine events into <see cref="SyncProgress"/> reports: counters per phase, a rate over the phase, byte
/// progress throttled (at most ten reports a second) while file completions and phase changes always report.
/// Thread-safe; reports leave one at a time so a host sees counters that never go backwards.
/// </summary>
internal sealed class ProgressReporter
{
    private static readonly long ThrottleTicks = Stopwatch.Frequency / 10;

    private readonly IProgress<SyncProgress>? _progress;
    private readonly Stopwatch _run = Stopwatch.StartNew();
    private readonly object _gate = new();
    private long _phaseStarted;
    private long _lastReport;
    private SyncPhase _phase = SyncPhase.Discovering;
    private int _filesDone;
    private int _filesTotal;
    private long _bytesDone;
    private long _bytesTotal;
    private string? _currentFile;

    public ProgressReporter(IProgress<SyncProgress>? progress)
    {
        _progress = progress;
    }

    public TimeSpan Elapsed => _run.Elapsed;

    public void StartPhase(SyncPhase phase, int filesTotal = 0, long bytesTotal = 0)
    {
        lock (_gate)
        {
            _phase = phase;
            _filesDone = 0;
            _filesTotal = filesTotal;
            _bytesDone = 0;
            _bytesTotal = bytesTotal;
            _currentFile = null;
            _phaseStarted = _run.ElapsedTicks;
            Report(null);
        }
    }

    /// <summary>Bytes read or sent; negative to take back bytes of an attempt that is being repeated.</summary>
    public void AddBytes(long bytes, string? currentFile = null)
    {
        lock (_gate)
        {
            _bytesDone += bytes;
            if (currentFile is not null)
            {
                _currentFile = currentFile;
            }

            if (_run.ElapsedTicks - _lastReport >= ThrottleTicks)
            {
                Report(null);
            }
        }
    }

    /// <summary>One file of the phase finished; always reported.</summary>
    public void FileDone(string? currentFile, SyncFileResult? completed = null)
    {
        lock (_gate)
        {
            _filesDone++;
            _currentFile = currentFile;
            Report(completed);
        }
    }

    /// <summary>A finished file reported without counting towards the phase (e.g. a skip found while planning).</summary>
    public void Completed(SyncFileResult completed)
    {
        lock (_gate)
        {
            _currentFile = completed.RelativePath;
            Report(completed);
        }
    }

    private void Report(SyncFileResult? completed)
    {
        if (_progress is null)
        {
            return;
        }

        var now = _run.ElapsedTicks;
        _lastReport = now;
        var phaseSeconds = (double)(now - _phaseStarted) / Stopwatch.Frequency;
        var rate = phaseSeconds > 0 ? Math.Max(0, _bytesDone) / phaseSeconds : 0;
        var filesRate = phaseSeconds > 0 ? _filesDone / phaseSeconds : 0;
        _progress.Report(new SyncProgress(
            _phase,
            _filesDone,
            _filesTotal,
            Math.Max(0, _bytesDone),
            _bytesTotal,
            _currentFile,
            rate,
            _run.Elapsed,
            completed,
            filesRate,
            TimeSpan.FromSeconds(phaseSeconds)));
    }
}
