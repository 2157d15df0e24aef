using System.Globalization;
using System.Net.Http.Headers;

namespace VolSync.Remote.Databricks;

/// <summary>
/// When to try again and how long to wait: exponential backoff with jitter (base doubling up to a cap), a
/// server's <c>Retry-After</c> honoured (never waiting less than it asks, up to a sanity cap), and a total budget
/// per operation. The clock, the jitter and the sleep are injectable so tests never wait for real.
/// </summary>
internal sealed class RetryPolicy
{
    /// <summary>A server asking for longer than this is still retried, but after this long.</summary>
    internal static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    private readonly Func<double> _random;

    public RetryPolicy(TimeSpan budget, TimeSpan baseDelay, TimeSpan maxDelay, Func<double>? random = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        Budget = budget;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay < baseDelay ? baseDelay : maxDelay;
        _random = random ?? Random.Shared.NextDouble;
        Delay = delay ?? Task.Delay;
    }

    public TimeSpan Budget { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>The sleep between attempts; it must throw <see cref="OperationCanceledException"/> when cancelled.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; }

    /// <summary>
    /// The wait before attempt <paramref name="failedAttempt"/> + 1. Backoff: a random value between half and all
    /// of <c>min(cap, base · 2^(n-1))</c> (equal jitter, so concurrent uploads spread out but still back off).
    /// With a <c>Retry-After</c>, at least that long plus a little jitter.
    /// </summary>
    public TimeSpan ComputeDelay(int failedAttempt, TimeSpan? retryAfter)
    {
        var exponent = Math.Clamp(failedAttempt - 1, 0, 30);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var backoff = (ceiling / 2) + (_random() * ceiling / 2);
        if (retryAfter is { } asked)
        {
            var honoured = Math.Min(Math.Max(asked.TotalMilliseconds, 0), MaxRetryAfter.TotalMilliseconds);
            // Jitter on top of Retry-After so a burst of throttled requests does not come back in lockstep.
            var jitter = _random() * Math.Min(BaseDelay.TotalMilliseconds, 1000) / 4;
            return TimeSpan.FromMilliseconds(honoured + jitter);
        }

        return TimeSpan.FromMilliseconds(backoff);
    }

    /// <summary>True when sleeping <paramref name="delay"/> after <paramref name="elapsed"/> stays within the budget.</summary>
    public bool FitsBudget(TimeSpan elapsed, TimeSpan delay) => FitsBudget(elapsed, delay, Budget);

    /// <summary>True when sleeping <paramref name="delay"/> after <paramref name="elapsed"/> stays within <paramref name="budget"/>.</summary>
    public static bool FitsBudget(TimeSpan elapsed, TimeSpan delay, TimeSpan budget) => elapsed + delay <= budget;

    /// <summary>Reads <c>Retry-After</c> in either form: integer seconds or an HTTP-date (relative to <paramref name="now"/>).</summary>
    public static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Reads a raw <c>Retry-After</c> value: integer seconds or an HTTP-date; null when it is neither.</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds - 1));
        }

        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
