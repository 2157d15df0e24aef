namespace VolSync.Remote.Databricks;

/// <summary>
/// How many requests one host may have in flight, adapted from its answers (AIMD): every answer that is not a
/// throttle adds 1/window (one slot per window of successes), a throttle (429/503) takes the window down to
/// <see cref="DecreaseFactor"/> of itself, once per round: throttles of requests that started before the last
/// decrease are echoes of it and do not count again. Between <c>1</c> and the cap; a fixed cap starts at the cap.
/// Latency counts too (<see cref="LatencyTrend"/>): the window does not grow while answers get slower, and a steep
/// climb shrinks it like a throttle, before the service starts answering 429.
/// <para>
/// A hard limit on requests in flight answers only the excess with 429, so probing past it costs one 429 per
/// probe. When the throttles are concentrated above one concurrency (see <see cref="ThrottleProfile"/>), that is
/// the workspace's limit: a throttle there steps the window back to just below it (not by the factor), and it
/// probes past it eight times more slowly, which keeps the share of 429s small and the pipe full. Random throttling, spread over every concurrency, leaves the
/// probe at full speed, so noise does not talk the window down to a crawl.
/// </para>
/// Not thread-safe: <see cref="HostLimiter"/> calls it under its lock.
/// </summary>
internal sealed class AdaptiveWindow
{
    internal const double DecreaseFactor = 0.85;
    internal const double SlowProbeDivisor = 8;

    /// <summary>Each confirmation of the same limit halves the probing speed again, down to this many times slower.</summary>
    internal const int MaxProbeSlowdown = 8;

    private readonly ThrottleProfile _profile = new();
    private readonly LatencyTrend _latency = new();
    private readonly int _max;
    private double _window;
    private double? _ceiling;
    private int _confirmations;

    public AdaptiveWindow(ConcurrencyLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        _max = Math.Max(1, limit.Max);
        _window = Math.Clamp(limit.Initial, 1, _max);
    }

    /// <summary>The requests allowed in flight now.</summary>
    public int Slots => Math.Clamp((int)Math.Floor(_window + 1e-9), 1, _max);

    /// <summary>The window as a number, for tests and logs.</summary>
    public double Value => _window;

    /// <summary>The concurrency the host's limit was last seen at, when throttling pointed at one.</summary>
    public double? Ceiling => _ceiling;

    /// <summary>
    /// How much slower than one slot per window of answers the window grows just below a known limit: 8 times,
    /// and twice as slow again for each time the limit was confirmed, up to <see cref="MaxProbeSlowdown"/> times
    /// that. A limit that holds is probed less and less (each probe costs a 429, and one near the end of a run holds
    /// it up by its <c>Retry-After</c>); one that moved is found again at the first speed.
    /// </summary>
    internal double ProbeDivisor => SlowProbeDivisor * Math.Min(MaxProbeSlowdown, 1 << Math.Min(_confirmations, 30));

    /// <summary>Counts decreases; a request remembers the round it started in.</summary>
    public long Round { get; private set; }

    /// <summary>An answer that was not a throttle, for a request that started with <paramref name="inFlight"/> in flight.</summary>
    public void OnAnswered(int inFlight) => OnAnswered(inFlight, Round, latency: null);

    /// <summary>An answer that was not a throttle, for a request that started in <paramref name="round"/> with <paramref name="inFlight"/> in flight.</summary>
    /// <param name="inFlight">Requests in flight when it started, itself included.</param>
    /// <param name="round">The window's round when it started.</param>
    /// <param name="latency">How long the answer took, when that does not depend on the size of the request.</param>
    /// <param name="windowBound">
    /// Whether the window held requests back when the answer came (some waiting, or every slot taken). Only then
    /// does it grow: a window larger than the work needs would only let the last requests of a run probe past
    /// the host's limit, and each 429 there holds up the end of the run by its <c>Retry-After</c>.
    /// </param>
    public void OnAnswered(int inFlight, long round, TimeSpan? latency, bool windowBound = true)
    {
        _profile.Record(inFlight, throttled: false);
        if (latency is { } took && _latency.Record(took))
        {
            // A steep climb: a queue builds up at the service. Once per round, like a throttle.
            if (round == Round)
            {
                _window = Math.Max(1, _window * DecreaseFactor);
                Round++;
                _latency.Accept(took);
            }

            return;
        }

        if (!_latency.Stable || !windowBound)
        {
            return;
        }

        var slow = _ceiling is { } ceiling && _window >= ceiling - 1;
        _window = Math.Min(_max, _window + (1 / (_window * (slow ? ProbeDivisor : 1))));
        if (_ceiling is { } passed && _window > passed + 1)
        {
            // Probing got well past the old limit without a throttle: the limit moved.
            _ceiling = null;
            _confirmations = 0;
        }
    }

    /// <summary>A 429 or 503 for a request that started in <paramref name="round"/> with <paramref name="inFlight"/> in flight.</summary>
    public void OnThrottled(long round, int inFlight)
    {
        _profile.Record(inFlight, throttled: true);
        // Every throttle is evidence: one at or above a known limit confirms it (probes are rare enough for the
        // profile to have forgotten the last one), one at a concurrency that usually works says the throttling is
        // not a limit on requests in flight, and the ceiling (if any) goes.
        var confirms = _ceiling is { } known && inFlight >= known;
        _ceiling = confirms || _profile.LooksLikeLimitAt(inFlight) ? Math.Max(1, Math.Min(_window, inFlight)) : null;
        _confirmations = confirms ? _confirmations + 1 : 0;
        if (round != Round)
        {
            return;
        }

        // At a known limit the answers below it are the proof that one less is safe: step back to just below it
        // rather than by the factor, which would idle a slot or two until the slow probe climbs back.
        var decreased = _window * DecreaseFactor;
        if (_ceiling is { } limit && limit - 1 > decreased)
        {
            decreased = Math.Min(_window, limit - 1);
        }

        _window = Math.Max(1, decreased);
        Round++;
    }
}
