namespace VolSync.Remote.Databricks;

/// <summary>
/// One request's place in its host's <see cref="HostLimiter"/>. Report what came back (which adapts the window),
/// then dispose it to free the place; disposing twice is harmless.
/// </summary>
internal sealed class RequestSlot : IDisposable
{
    private readonly HostLimiter _limiter;
    private int _released;

    internal RequestSlot(HostLimiter limiter, long round, int inFlightAtStart)
    {
        _limiter = limiter;
        Round = round;
        InFlightAtStart = inFlightAtStart;
    }

    /// <summary>The window's round when the request started (throttles from older rounds are not counted twice).</summary>
    public long Round { get; }

    /// <summary>Requests in flight to the host, this one included, when it started.</summary>
    public int InFlightAtStart { get; }

    /// <summary>An answer that is not a throttle (a success or an error that waiting would not change).</summary>
    /// <param name="latency">How long it took, when that does not depend on the size of the request (else null).</param>
    public void Answered(TimeSpan? latency = null) => _limiter.OnAnswered(this, latency);

    /// <summary>A 429 or 503; true when it makes a storm.</summary>
    public bool Throttled(bool tooManyRequests) => _limiter.OnThrottled(this, tooManyRequests);

    /// <summary>No answer; true when the host never answered this run and has now refused too often.</summary>
    public bool ConnectionFailed(bool beforeAnyByte) => _limiter.OnConnectionFailure(beforeAnyByte);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _limiter.Release();
        }
    }
}
