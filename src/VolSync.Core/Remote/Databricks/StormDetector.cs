namespace VolSync.Remote.Databricks;

/// <summary>
/// Tells a lone 429 from a storm: when most of the host's recent answers are 429 (as when many clients share a
/// workspace's limit), waiting out one request's <c>Retry-After</c> while the others keep sending only feeds the
/// storm, so every request pauses. Not thread-safe.
/// </summary>
internal sealed class StormDetector
{
    /// <summary>How many of the latest answers are looked at.</summary>
    internal const int Window = 16;

    /// <summary>How many of them must be 429 to call it a storm (75%).</summary>
    internal const int Threshold = 12;

    private readonly bool[] _recent = new bool[Window];
    private int _count;
    private int _next;
    private int _throttled;

    /// <summary>Records one answer; true when it makes a storm (the record then starts over).</summary>
    public bool Record(bool tooManyRequests)
    {
        if (_count == Window && _recent[_next])
        {
            _throttled--;
        }

        _recent[_next] = tooManyRequests;
        _next = (_next + 1) % Window;
        _count = Math.Min(Window, _count + 1);
        if (tooManyRequests)
        {
            _throttled++;
        }

        if (_count < Window || _throttled < Threshold)
        {
            return false;
        }

        Array.Clear(_recent);
        _count = _next = _throttled = 0;
        return true;
    }
}
