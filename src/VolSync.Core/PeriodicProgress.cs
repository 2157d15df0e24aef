namespace VolSync;

/// <summary>
/// The cadence of progress lines in logs, shared by the CLI's plain mode and MSBuild: every report is passed on
/// as it comes (phase changes, finished files), and while a phase that takes time runs (hashing, listing,
/// uploading) the latest snapshot is ticked every <c>interval</c>, on a timer, so a stalled upload (back-off, a
/// slow service) still shows it is alive. The cadence restarts with each phase. Both callbacks run under one
/// lock, never after <see cref="Dispose"/> returned, and never for a phase that has finished its files.
/// </summary>
internal sealed class PeriodicProgress : IProgress<SyncProgress>, IDisposable
{
    private readonly TimeSpan _interval;
    private readonly Action<SyncProgress> _tick;
    private readonly Action<SyncProgress, bool>? _report;
    private readonly object _gate = new();
    private readonly Timer _timer;
    private SyncProgress? _latest;
    private bool _disposed;

    /// <param name="interval">Time between status ticks.</param>
    /// <param name="tick">Writes a status line for the latest snapshot.</param>
    /// <param name="report">Sees every report; its flag is true on the first report of a phase.</param>
    public PeriodicProgress(TimeSpan interval, Action<SyncProgress> tick, Action<SyncProgress, bool>? report = null)
    {
        ArgumentNullException.ThrowIfNull(tick);
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive.");
        }

        _interval = interval;
        _tick = tick;
        _report = report;
        _timer = new Timer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The phases long enough to deserve status lines.</summary>
    public static bool Ticks(SyncPhase phase) => phase is SyncPhase.Hashing or SyncPhase.Listing or SyncPhase.Uploading;

    public void Report(SyncProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var newPhase = value.Phase != _latest?.Phase;
            _latest = value;
            if (newPhase)
            {
                _timer.Change(Ticks(value.Phase) ? _interval : Timeout.InfiniteTimeSpan, _interval);
            }

            _report?.Invoke(value, newPhase);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (!_disposed && _latest is { } latest && Ticks(latest.Phase) && latest.FilesDone < latest.FilesTotal)
            {
                _tick(latest);
            }
        }
    }
}
