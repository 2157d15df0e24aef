namespace VolSync.Remote.Databricks;

/// <summary>
/// Whether a host's answers are getting slower: the smoothed latency of recent answers against the fastest seen
/// lately. A queue building up at the service shows as latency that climbs before any 429 comes back; the window
/// stops growing while latency rises and shrinks once it climbs steeply. Only answers whose time does not depend
/// on the size of what was sent count (see <see cref="MaxBodyBytes"/>). Not thread-safe.
/// </summary>
internal sealed class LatencyTrend
{
    /// <summary>Answers to requests with a larger body are not samples: their time is the upload's, not the service's.</summary>
    internal const long MaxBodyBytes = 64 * 1024;

    /// <summary>Samples before the trend says anything.</summary>
    internal const int MinSamples = 16;

    // Rising: above twice the floor and 150 ms over it; steep: above three times the floor and 250 ms over it. The
    // margins in milliseconds keep scheduling noise on a busy client (tens of ms) from reading as a trend.
    private const double RisingFactor = 2;
    private const double SteepFactor = 3;
    private const double RisingMarginMs = 150;
    private const double SteepMarginMs = 250;

    // Each sample moves the smoothed latency a tenth of the way; the floor creeps up 0.2% a sample so that it follows
    // a service that became slower for good instead of holding on to one fast answer forever.
    private const double Smoothing = 0.1;
    private const double FloorDrift = 1.002;

    private double _floorMs = double.PositiveInfinity;
    private double _smoothedMs;
    private int _samples;

    /// <summary>The smoothed latency, for tests and logs.</summary>
    public TimeSpan Smoothed => TimeSpan.FromMilliseconds(_smoothedMs);

    /// <summary>True while latency stays near the floor (or there are too few samples to tell).</summary>
    public bool Stable => _samples < MinSamples || !Above(RisingFactor, RisingMarginMs);

    /// <summary>Records one answer's latency; true when latency now climbs steeply.</summary>
    public bool Record(TimeSpan latency)
    {
        var ms = Math.Max(0, latency.TotalMilliseconds);
        _samples++;
        _smoothedMs = _samples == 1 ? ms : _smoothedMs + (Smoothing * (ms - _smoothedMs));
        _floorMs = Math.Min(_floorMs * FloorDrift, ms);
        return _samples >= MinSamples && Above(SteepFactor, SteepMarginMs);
    }

    /// <summary>
    /// Called once the window shrank for a climb, with the latest latency: that level becomes the reference (the
    /// smoothed value still lags behind it) and no longer counts as rising, so a service that is simply slower now
    /// costs one decrease and the window probes on from there, while a queue that keeps growing keeps costing.
    /// A faster answer lowers the floor again at once.
    /// </summary>
    public void Accept(TimeSpan latest) => _floorMs = Math.Max(_floorMs, latest.TotalMilliseconds / RisingFactor);

    private bool Above(double factor, double marginMs) =>
        _smoothedMs > Math.Max(_floorMs * factor, _floorMs + marginMs);
}
