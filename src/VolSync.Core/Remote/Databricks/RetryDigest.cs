using System.Diagnostics;
using System.Globalization;

namespace VolSync.Remote.Databricks;

/// <summary>
/// Keeps retry notices readable when many requests retry at once: the first one shows at once, then at most one
/// line per <see cref="Interval"/>, naming how many others were retried since. Shared by the CLI and MSBuild so
/// both show retries the same way. Thread-safe.
/// </summary>
internal sealed class RetryDigest
{
    /// <summary>The shortest time between two notices.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly Func<long> _now;
    private long? _lastShown;
    private int _suppressed;

    public RetryDigest()
        : this(Stopwatch.GetTimestamp)
    {
    }

    internal RetryDigest(Func<long> now)
    {
        _now = now;
    }

    /// <summary>The line to show for <paramref name="retry"/> now, or null when it is folded into the next one.</summary>
    public string? Add(RequestRetry retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        lock (_gate)
        {
            var now = _now();
            if (_lastShown is { } last && Stopwatch.GetElapsedTime(last, now) < Interval && !retry.PausesHost)
            {
                _suppressed++;
                return null;
            }

            var others = _suppressed;
            _suppressed = 0;
            _lastShown = now;
            return others == 0
                ? retry.ToString()
                : string.Create(CultureInfo.InvariantCulture, $"{retry} (and {others} other retr{(others == 1 ? "y" : "ies")} since the last notice)");
        }
    }
}
