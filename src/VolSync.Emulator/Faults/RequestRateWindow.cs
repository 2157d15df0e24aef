using System.Diagnostics;

namespace VolSync.Emulator.Faults;

/// <summary>
/// The requests-per-second limit: a request is admitted when fewer than the limit were admitted in the last
/// second (a sliding window, so a burst at a second's boundary cannot pass twice the limit).
/// </summary>
internal sealed class RequestRateWindow
{
    private static readonly long Second = Stopwatch.Frequency;

    private readonly object _gate = new();
    private readonly Queue<long> _admitted = new();

    /// <summary>True (and counted) when the request may pass; <paramref name="perSecond"/> 0 admits everything.</summary>
    public bool TryAdmit(int perSecond)
    {
        if (perSecond <= 0)
        {
            return true;
        }

        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            while (_admitted.Count > 0 && now - _admitted.Peek() >= Second)
            {
                _admitted.Dequeue();
            }

            if (_admitted.Count >= perSecond)
            {
                return false;
            }

            _admitted.Enqueue(now);
            return true;
        }
    }
}
