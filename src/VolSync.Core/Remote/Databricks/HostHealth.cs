using System.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>
/// What one host's recent answers say about it as a whole: whether it was ever reached (a host that refuses the
/// first few connections of a run is not coming back in the next five minutes: <see cref="OnConnectionFailure"/>
/// says when to stop), and how long it has gone without a useful answer (the outage that the retry budget bounds
/// for the whole run, not per request). Not thread-safe.
/// </summary>
internal sealed class HostHealth
{
    /// <summary>Connections refused in a row, before the host ever answered, that end the run.</summary>
    internal const int FastFailuresAtStart = 3;

    /// <summary>They must fall within this long; slower failures are left to the retry budget.</summary>
    internal static readonly TimeSpan FastFailureWindow = TimeSpan.FromSeconds(10);

    private readonly Func<long> _now;
    private bool _answered;
    private int _fastFailures;
    private long _firstFastFailure;
    private long? _outageSince;

    public HostHealth(Func<long>? now = null)
    {
        _now = now ?? Stopwatch.GetTimestamp;
    }

    /// <summary>
    /// Time since the host last gave an answer that was not a throttle, counted from the first failure after it;
    /// zero while things work. Every retry stops once this exceeds the budget, so a dead host ends the run once.
    /// </summary>
    public TimeSpan Outage => _outageSince is { } since ? Stopwatch.GetElapsedTime(since, _now()) : TimeSpan.Zero;

    /// <summary>The host answered (any HTTP status). A throttle shows it is alive but does not end an outage.</summary>
    public void OnAnswered(bool throttled)
    {
        _answered = true;
        _fastFailures = 0;
        if (throttled)
        {
            _outageSince ??= _now();
        }
        else
        {
            _outageSince = null;
        }
    }

    /// <summary>A request got no answer (refused, reset, dropped, stalled).</summary>
    /// <param name="beforeAnyByte">True when the connection itself could not be made, so nothing was sent.</param>
    /// <returns>True when the run should stop now: the host has refused every connection since the run began.</returns>
    public bool OnConnectionFailure(bool beforeAnyByte)
    {
        var now = _now();
        _outageSince ??= now;
        if (_answered || !beforeAnyByte)
        {
            return false;
        }

        if (_fastFailures == 0 || Stopwatch.GetElapsedTime(_firstFastFailure, now) > FastFailureWindow)
        {
            _firstFastFailure = now;
            _fastFailures = 0;
        }

        _fastFailures++;
        return _fastFailures >= FastFailuresAtStart;
    }

    /// <summary>How many connections in a row were refused before any answer.</summary>
    public int FastFailures => _fastFailures;

    /// <summary>Time since the first of them.</summary>
    public TimeSpan SinceFirstFastFailure => _fastFailures == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_firstFastFailure, _now());
}
