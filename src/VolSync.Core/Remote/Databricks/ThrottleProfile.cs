namespace VolSync.Remote.Databricks;

/// <summary>
/// Where throttling happens: recent answers counted by how many requests were in flight when each started, with
/// old answers fading out. A limit on concurrency shows as throttles at and above one level and (almost) none below
/// it; random throttling shows at every level alike. Not thread-safe.
/// </summary>
internal sealed class ThrottleProfile
{
    private const int Levels = ConcurrencyLimit.FixedMax + 2;

    // Each new answer makes the older ones count this much less: about the last 100 answers matter.
    private const double Fade = 0.99;

    private readonly double[] _answered = new double[Levels];
    private readonly double[] _throttled = new double[Levels];

    public void Record(int inFlight, bool throttled)
    {
        for (var i = 0; i < Levels; i++)
        {
            _answered[i] *= Fade;
            _throttled[i] *= Fade;
        }

        var level = Math.Clamp(inFlight, 0, Levels - 1);
        _answered[level]++;
        if (throttled)
        {
            _throttled[level]++;
        }
    }

    /// <summary>
    /// True when requests that started with <paramref name="inFlight"/> or more in flight were throttled far more
    /// often than those that started with fewer, with enough of both (two throttles at least) to say so.
    /// </summary>
    public bool LooksLikeLimitAt(int inFlight)
    {
        var level = Math.Clamp(inFlight, 0, Levels - 1);
        double answeredBelow = 0, throttledBelow = 0, answeredAbove = 0, throttledAbove = 0;
        for (var i = 0; i < Levels; i++)
        {
            if (i < level)
            {
                answeredBelow += _answered[i];
                throttledBelow += _throttled[i];
            }
            else
            {
                answeredAbove += _answered[i];
                throttledAbove += _throttled[i];
            }
        }

        if (answeredBelow < 8 || throttledAbove < 2)
        {
            return false;
        }

        var rateBelow = throttledBelow / answeredBelow;
        var rateAbove = throttledAbove / answeredAbove;
        return rateAbove >= 0.05 && rateAbove > (4 * rateBelow) + 0.02;
    }
}
